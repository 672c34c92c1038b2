//! A participant's page for one draw: the click-to-reveal match, their own wish letter, and gift
//! ideas for the person they give to. The page renders on the server and its actions are plain
//! forms: each post comes back to this page, which then shows what it did. A few lines of script
//! count characters as they are typed and bring new messages in; the page has no wasm.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::messages::{ConversationView, SendMessage};
use crate::api::participant::{
    GiftIdeaList, GiftIdeas, LoadedParticipantPage, MyDrawView, ParticipantPage, Reveal,
    RevealMatch, SaveWishes,
};
use crate::domain::limits::MAX_GIFT_PREFERENCES_CHARS;
use crate::domain::limits::MAX_MESSAGE_CHARS;
use crate::domain::views::ParticipantDraw;
use crate::error::AppError;
use crate::i18n::{format_date, format_datetime, Lang};
use crate::tr;
use crate::ui::auth::{posted_error, query, RequireUser};
use crate::ui::components::ErrorPanel;
use crate::ui::use_lang;

#[component]
pub fn MatchPage() -> impl IntoView {
    view! {
        <RequireUser children=move |_| {
            // Read by the page's handler before rendering: no Resource, no Suspense (issue 15).
            match use_context::<LoadedParticipantPage>().map_or(Err(AppError::NotFound), |p| p.0) {
                Ok(ParticipantPage { view, open, from_santa, with_recipient }) => view! {
                    <MyDraw view open from_santa with_recipient />
                }.into_any(),
                Err(error) => view! { <ErrorPanel error /> }.into_any(),
            }
        } />
    }
}

#[component]
fn MyDraw(
    view: MyDrawView,
    open: Option<Reveal>,
    from_santa: Option<ConversationView>,
    with_recipient: Option<ConversationView>,
) -> impl IntoView {
    let MyDrawView {
        id,
        budget,
        unread_replies,
        unread_from_santa: _,
        draw:
            ParticipantDraw {
                name,
                organizer,
                exchange_date,
                message,
                drawn,
                viewed,
                changed_on,
                organizing,
                my_wishes,
            },
    } = view;
    let lang = use_lang();
    let organizer_link = organizing.then(|| format!("/draws/{id}"));
    let error = posted_error::<RevealMatch>().map(|e| e.text(lang));
    let ideas_error = posted_error::<GiftIdeas>().map(|e| e.text(lang));
    let wishes_error = posted_error::<SaveWishes>().map(|e| match e {
        AppError::Validation(errors) => errors
            .into_iter()
            .find(|e| e.field == "gift_preferences")
            .map_or_else(|| AppError::Internal.text(lang), |e| e.message),
        other => other.text(lang),
    });
    // Back from a refused letter, the box holds what was written (unless it was too long to
    // travel in the address), not what is saved.
    let letter_refused = wishes_error.is_some();
    let wishes = wishes_error
        .as_ref()
        .and_then(|_| query("gift_preferences"))
        .unwrap_or(my_wishes);
    let saved = query("saved").is_some();
    let sent = query("sent");
    let message_error =
        posted_error::<SendMessage>().map(|e| e.field("body").unwrap_or_else(|| e.text(lang)));
    // A refused message goes back to the side it was written on (the post's own `as_giver`).
    let refused_side = message_error
        .as_ref()
        .map(|_| query("as_giver").as_deref() == Some("true"));
    let recipient_name = open.as_ref().map(|r| r.name.clone());
    let giver_side = with_recipient.zip(recipient_name).map(|(view, name)| {
        let error = message_error.clone().filter(|_| refused_side == Some(true));
        view! { <Conversation id=id.clone() as_giver=true other=name view error sent=sent.as_deref() == Some("giver") /> }
    });
    let santa_side = from_santa.map(|view| {
        let error = message_error.clone().filter(|_| refused_side != Some(true));
        view! { <Conversation id=id.clone() as_giver=false other=tr!(lang, "reveal-santa").to_string() view error sent=sent.as_deref() == Some("recipient") /> }
    });
    // Back from a post, focus goes to what it changed (as it would without the page load).
    let ideas_first = query("focus").as_deref() == Some("ideas");
    view! {
        <Title text=name.clone() />
        <article class="my-draw" aria-labelledby="my-draw-title">
            <p class="eyebrow">{tr!(lang, "brand")}</p>
            <h1 id="my-draw-title">{name}</h1>
            <dl class="facts">
                {organizer.map(|o| view! { <div><dt>{tr!(lang, "reveal-organized-by")}</dt><dd>{o}</dd></div> })}
                {budget.map(|b| view! { <div><dt>{tr!(lang, "reveal-budget")}</dt><dd>{b}</dd></div> })}
                {exchange_date.map(|d| view! { <div><dt>{tr!(lang, "reveal-exchange")}</dt><dd><time datetime=d.clone()>{format_date(lang, &d)}</time></dd></div> })}
                {message.map(|m| view! { <div><dt>{tr!(lang, "reveal-message")}</dt><dd class="prewrap">{m}</dd></div> })}
            </dl>
            {organizer_link.map(|href| view! {
                <p class="muted">{tr!(lang, "reveal-organizing-too")} " " <a href=href>{tr!(lang, "reveal-organizer-view")}</a></p>
            })}
            {if drawn {
                view! { <RevealCard id=id.clone() viewed changed_on open error=error.or(ideas_error) ideas_first focus=!saved && sent.is_none() && message_error.is_none() && !letter_refused unread=unread_replies /> }.into_any()
            } else {
                view! {
                    <section class="panel">
                        <h2>{tr!(lang, "reveal-not-drawn-title")}</h2>
                        <p>{tr!(lang, "reveal-not-drawn")}</p>
                    </section>
                }.into_any()
            }}
            {giver_side}
            {santa_side}
            <WishLetter id initial=wishes saved error=wishes_error />
        </article>
        <PageScript />
    }
}

/// The match stays hidden until asked for, so nobody reads it over a shoulder. "Reveal" is a plain
/// form: the post marks the match seen and comes back here with it open (`open`).
#[component]
fn RevealCard(
    id: String,
    viewed: bool,
    /// When the match changed after the draw (someone left or joined), if it did.
    changed_on: Option<String>,
    open: Option<Reveal>,
    error: Option<String>,
    ideas_first: bool,
    /// The page's focus belongs to the card (not to the wish letter just saved).
    focus: bool,
    /// Unread messages from the person I give to (told while the match is hidden).
    unread: i64,
) -> impl IntoView {
    let lang = use_lang();
    let reveal = ServerAction::<RevealMatch>::new();
    let changed = changed_on.clone().map(|on| {
        view! {
            <p class="warning" role="note" data-testid="match-changed">
                {tr!(lang, "reveal-changed", date = format_date(lang, &on))}
            </p>
        }
    });
    match open {
        Some(r) => view! {
            <section class="panel reveal-card reveal-card--open" aria-labelledby="match-title">
                <h2 id="match-title" tabindex="-1" autofocus=focus && !ideas_first>{tr!(lang, "reveal-give-to")}</h2>
                {changed}
                <p class="reveal-card__name" data-testid="match-name">{format!("{} {}", r.name, r.surname)}</p>
                <p class="muted">{r.email.clone()}</p>
                <h3>{tr!(lang, "reveal-their-wishes")}</h3>
                {if r.wishes.is_empty() {
                    view! { <p class="muted">{tr!(lang, "reveal-no-wishes")}</p> }.into_any()
                } else {
                    view! { <p class="prewrap wish-text" data-testid="match-wishes">{r.wishes.clone()}</p> }.into_any()
                }}
                <a class="button button--quiet" href=format!("/draws/{id}/match#match-title")>{tr!(lang, "reveal-hide")}</a>
            </section>
            <GiftIdeasPanel id current=r.ideas error focus=focus && ideas_first />
        }
        .into_any(),
        None => view! {
            <section class="panel reveal-card reveal-card--closed" aria-labelledby="match-title">
                <h2 id="match-title">{tr!(lang, "reveal-your-match")}</h2>
                {changed}
                <p>{tr!(lang, "reveal-hidden")}</p>
                {(unread > 0).then(|| view! {
                    <p class="form-success" role="status" data-testid="unread-from-recipient">
                        {tr!(lang, "reveal-unread", count = unread)}
                    </p>
                })}
                {error.map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
                <ActionForm action=reveal>
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button button--large">
                        {if viewed {
                            tr!(lang, "reveal-show-again")
                        } else if changed_on.is_some() {
                            tr!(lang, "reveal-new-match")
                        } else {
                            tr!(lang, "reveal-match")
                        }}
                    </button>
                </ActionForm>
            </section>
        }
        .into_any(),
    }
}

/// Ideas for the person I give to: the cached ones, and a plain form that asks for (new) ones and
/// comes back here with them.
#[component]
fn GiftIdeasPanel(
    id: String,
    current: Option<GiftIdeaList>,
    error: Option<String>,
    focus: bool,
) -> impl IntoView {
    let lang = use_lang();
    let ask = ServerAction::<GiftIdeas>::new();
    let refresh = current.is_some();
    view! {
        <section class="panel gift-ideas" aria-labelledby="ideas-title">
            <h2 id="ideas-title" tabindex="-1" autofocus=focus>{tr!(lang, "reveal-ideas-title")}</h2>
            {match current {
                None => view! {
                    <p>{tr!(lang, "reveal-ideas-lead")}</p>
                }.into_any(),
                Some(list) => view! {
                    <p class="ideas-source">
                        {if list.offline {
                            tr!(lang, "reveal-ideas-offline")
                        } else {
                            tr!(lang, "reveal-ideas-ai")
                        }}
                        " " <span class="muted">{tr!(lang, "reveal-ideas-made", when = format_datetime(lang, list.made_at.trim_end_matches(" UTC")))}</span>
                    </p>
                    {list.wishes_changed.then(|| view! {
                        <p class="warning" role="note">{tr!(lang, "reveal-ideas-stale")}</p>
                    })}
                    <ol class="idea-list" data-testid="gift-ideas">
                        {list.ideas.into_iter().map(|idea| view! {
                            <li class="idea">
                                <h3 class="idea__title">{idea.title}</h3>
                                {(!idea.why.is_empty()).then(|| view! { <p>{idea.why}</p> })}
                                {(!idea.price.is_empty()).then(|| view! { <p class="idea__price">{idea.price}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            {error.map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
            <ActionForm action=ask>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="refresh" value=refresh.to_string() />
                <button type="submit" class="button">
                    {if refresh { tr!(lang, "reveal-ideas-refresh") } else { tr!(lang, "reveal-ideas-get") }}
                </button>
            </ActionForm>
        </section>
    }
}

/// One side of the anonymous conversation of a match: with the person I give to (`as_giver`,
/// `other` their first name) or with my Secret Santa. Its messages are server-rendered; a small
/// script ([`PageScript`]) adds new ones while the page is open. The recipient's side
/// carries no id but the draw's: nothing on it names or numbers the giver.
#[component]
fn Conversation(
    id: String,
    as_giver: bool,
    other: String,
    view: ConversationView,
    error: Option<String>,
    sent: bool,
) -> impl IntoView {
    let lang = use_lang();
    let send = ServerAction::<SendMessage>::new();
    let side = if as_giver { "giver" } else { "recipient" };
    let section = format!("conversation-{side}");
    let title_id = format!("{section}-title");
    let field = format!("{section}-body");
    let error_id = format!("{field}-error");
    let (title, lead, label, button) = if as_giver {
        (
            tr!(lang, "reveal-ask-title", other = &other),
            tr!(lang, "reveal-ask-lead", other = &other),
            tr!(lang, "reveal-ask-label", other = &other),
            tr!(lang, "reveal-ask-send"),
        )
    } else {
        (
            tr!(lang, "reveal-santa").to_string(),
            tr!(lang, "reveal-santa-lead").to_string(),
            tr!(lang, "reveal-santa-label").to_string(),
            tr!(lang, "reveal-santa-send"),
        )
    };
    let focus = sent || error.is_some();
    let invalid = error.is_some();
    // Back from a refused post, the box holds what was written.
    let typed = if invalid {
        query("body").unwrap_or_default()
    } else {
        String::new()
    };
    // Counted as the server counts (a refused text may be longer than the limit).
    let counted = crate::domain::text::counted_chars(&typed);
    let over = counted > MAX_MESSAGE_CHARS;
    let count = format!("{counted} / {MAX_MESSAGE_CHARS}");
    let count_id = format!("{field}-count");
    let described_by = format!("{count_id} {error_id}");
    let invalid_attr = invalid.then_some("true");
    let empty = view.messages.is_empty();
    let (labelled_by, draw_attr, other_attr) = (title_id.clone(), id.clone(), other.clone());
    let with = view.with.clone().unwrap_or_default();
    let with_attr = with.clone();
    // What the page's script writes for the messages it adds: the same words and dates as here.
    let months = (1..=12)
        .map(|m| month_name(lang, m))
        .collect::<Vec<_>>()
        .join("|");
    let date_pattern = tr!(lang, "date-long", day = "{d}", month = "{m}", year = "{y}");
    let datetime_pattern = tr!(lang, "datetime-long", date = &date_pattern, time = "{t}");
    view! {
        <section class="panel panel--form conversation" id=section aria-labelledby=labelled_by
            data-conversation=side data-draw=draw_attr data-other=other_attr data-with=with_attr
            data-you=tr!(lang, "reveal-you") data-new=tr!(lang, "reveal-new")
            data-changed=tr!(lang, "reveal-conversation-changed") data-gone=tr!(lang, "reveal-conversation-gone")
            data-months=months data-date=date_pattern data-datetime=datetime_pattern>
            <h2 id=title_id>{title}</h2>
            <p class="muted">{lead}</p>
            <ol class="messages" data-messages aria-live="polite">
                {view.messages.into_iter().map(|m| {
                    let who = if m.mine { tr!(lang, "reveal-you").to_string() } else { other.clone() };
                    let at = message_time(lang, &m.at_iso).unwrap_or(m.at);
                    view! {
                        <li class="message" class:message--mine=m.mine>
                            <p class="message__meta">
                                <strong>{who}</strong> " · " <time datetime=m.at_iso>{at}</time>
                                {m.new.then(|| view! { " " <span class="badge badge--new">{tr!(lang, "reveal-new")}</span> })}
                            </p>
                            <p class="message__body prewrap">{m.body}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {empty.then(|| view! { <p class="muted" data-empty>{tr!(lang, "reveal-no-messages")}</p> })}
            <ActionForm action=send>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="as_giver" value=as_giver.to_string() />
                <input type="hidden" name="with" value=with />
                <div class="field" class:field--invalid=invalid>
                    <label for=field.clone()>{label}</label>
                    <textarea id=field name="body" rows="3" required=true
                        autofocus=focus data-counter=count_id.clone() data-trim=true data-max=MAX_MESSAGE_CHARS
                        data-over=tr!(lang, "validation-message-too-long", max = MAX_MESSAGE_CHARS, count = "{n}")
                        aria-invalid=invalid_attr aria-describedby=described_by>{textarea_text(typed)}</textarea>
                    <p id=count_id class="counter" class:counter--over=over>{count}</p>
                    <p id=error_id class="field__error" role="alert">{error}</p>
                </div>
                <button type="submit" class="button">{button}</button>
                {sent.then(|| view! { <p class="form-success" role="status">{tr!(lang, "reveal-sent")}</p> })}
            </ActionForm>
        </section>
    }
}

/// Counts the characters of every text box with a counter (`data-counter`: the counter's id;
/// `data-max`: the limit; `data-trim`: trimmed as the server trims; `data-over`: what the field
/// says when over, `{n}` the count; `data-saved`: a "Saved" note that goes once the text changes)
/// as they are typed, the way the server counts them, and keeps the limit itself: the button waits
/// while the text is too long, and a refusal from the server stands until the text changes. Used
/// by every page with such a box (the participant page, the draw page, its details).
#[component]
pub(crate) fn CounterScript() -> impl IntoView {
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    view! { <script type="module" nonce=nonce>{COUNTER_SCRIPT}</script> }
}

/// The counters' script as a literal, so that a page's own script can start with it (one
/// script per page): see [`CounterScript`].
macro_rules! counter_script {
    () => {
        r#"for (const box of document.querySelectorAll("textarea[data-counter]")) {
  // As the server counts: characters (an emoji is one; a browser's `maxlength` would count two).
  const max = Number(box.dataset.max);
  const counter = document.getElementById(box.dataset.counter);
  const field = box.parentElement;
  const error = field.querySelector(".field__error");
  const button = box.form.querySelector("button[type=submit]");
  const saved = box.dataset.saved && document.getElementById(box.dataset.saved);
  const [initial, refusal] = [box.value, error.textContent];
  // The count as the server's: trimmed, and a line break is one character.
  const count = () => {
    const n = [...(box.hasAttribute("data-trim") ? box.value.trim() : box.value)].length;
    counter.textContent = `${n} / ${max}`;
    counter.classList.toggle("counter--over", n > max);
    button.disabled = n > max;
    return n;
  };
  // (A refused text that came back too long: its button waits until it is short enough.)
  count();
  box.addEventListener("input", () => {
    const n = count();
    const over = n > max;
    if (saved) saved.hidden = box.value !== initial;
    // A refusal from the server stands until the text changes.
    const message = over ? (box.dataset.over || "").replace("{n}", n) : box.value === initial ? refusal : "";
    error.textContent = message;
    if (message) box.setAttribute("aria-invalid", "true"); else box.removeAttribute("aria-invalid");
    field.classList.toggle("field--invalid", !!message);
  });
}
"#
    };
}
pub(crate) use counter_script;

const COUNTER_SCRIPT: &str = counter_script!();

/// The page's script, a few hundred bytes where islands would bring 50–200 KB of wasm. After
/// the counters' part ([`CounterScript`]), it adds the messages that arrive while the page is open:
/// every 10 s (while the tab is visible) each conversation on
/// the page asks `/api/conversation` for its messages and appends the new ones, as text.
#[component]
fn PageScript() -> impl IntoView {
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    view! { <script type="module" nonce=nonce>{PAGE_SCRIPT}</script> }
}

const PAGE_SCRIPT: &str = concat!(
    counter_script!(),
    r#"for (const section of document.querySelectorAll("[data-conversation]")) {
  const list = section.querySelector("[data-messages]");
  const texts = section.dataset;
  const months = texts.months.split("|");
  // A message's time as the page writes it: the day alone, or the day and the minute (UTC).
  const when = (iso, fallback) => {
    const [date, time] = iso.split("T");
    const [y, m, d] = date.split("-");
    if (!months[m - 1] || !d) return fallback;
    const fill = (pattern) => pattern.replace("{d}", Number(d)).replace("{m}", months[m - 1]).replace("{y}", y);
    return time ? fill(texts.datetime).replace("{t}", time.slice(0, 5)) : fill(texts.date);
  };
  const form = new URLSearchParams({ id: section.dataset.draw, as_giver: String(section.dataset.conversation === "giver"), with: section.dataset.with });
  let shown = list.children.length;
  let timer;
  // Stops asking, and says why where the messages are.
  const stop = (why) => {
    clearInterval(timer);
    const note = document.createElement("p");
    note.className = "warning";
    note.setAttribute("role", "alert");
    note.textContent = why;
    list.after(note);
  };
  const poll = async () => {
    if (document.hidden) return;
    try {
      const res = await fetch("/api/conversation", { method: "POST", body: form, headers: { Accept: "application/json" } });
      if (res.status === 422) {
        // The match changed since the page was opened.
        stop(texts.changed);
        return;
      }
      if (!res.ok) {
        // Gone (removed from the draw, logged out).
        if (res.status >= 400 && res.status < 500) stop(texts.gone);
        return;
      }
      const { messages } = await res.json();
      for (const m of messages.slice(shown)) {
        const li = document.createElement("li");
        li.className = m.mine ? "message message--mine" : "message";
        const meta = document.createElement("p");
        meta.className = "message__meta";
        const who = document.createElement("strong");
        who.textContent = m.mine ? texts.you : texts.other;
        const time = document.createElement("time");
        time.dateTime = m.at_iso;
        time.textContent = when(m.at_iso, m.at);
        meta.append(who, " · ", time);
        if (m.new) {
          const badge = document.createElement("span");
          badge.className = "badge badge--new";
          badge.textContent = texts.new;
          meta.append(" ", badge);
        }
        const body = document.createElement("p");
        body.className = "message__body prewrap";
        body.textContent = m.body;
        li.append(meta, body);
        list.append(li);
      }
      if (messages.length > shown) section.querySelector("[data-empty]")?.remove();
      shown = Math.max(shown, messages.length);
    } catch {}
  };
  timer = setInterval(poll, 10000);
}"#
);

/// My own wish letter in this draw, which my giver reads: a plain form, whose counter the page's
/// script keeps as I type.
#[component]
fn WishLetter(id: String, initial: String, saved: bool, error: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveWishes>::new();
    view! {
        <section class="panel panel--form wish-letter" aria-labelledby="wishes-title">
            <h2 id="wishes-title" tabindex="-1" autofocus=saved>{tr!(lang, "reveal-wishes-title")}</h2>
            <p>{tr!(lang, "reveal-wishes-lead")}</p>
            <ActionForm action=save>
                <input type="hidden" name="id" value=id />
                <WishText initial saved error />
            </ActionForm>
        </section>
    }
}

/// The wish letter's text with its count, the save button and "Saved" after a save. The page's
/// script counts as I type, says when the text is too long (and turns the button off), and hides
/// "Saved" once the text changes; the post is the plain form's.
#[component]
fn WishText(initial: String, saved: bool, error: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let count = crate::domain::text::counted_chars(&initial);
    let over = count > MAX_GIFT_PREFERENCES_CHARS;
    let invalid = error.is_some();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label for="field-gift_preferences">{tr!(lang, "reveal-wishes-label")}</label>
            // No `maxlength`: the browser's counts UTF-16 units (an emoji is two) and cuts a
            // pasted text short without a word. Without the script the server's refusal says
            // how long the text is and brings it back; with it, the counter keeps the limit.
            <textarea id="field-gift_preferences" name="gift_preferences" rows="8"
                data-max=MAX_GIFT_PREFERENCES_CHARS
                data-counter="wishes-count" data-trim=true
                data-saved="wishes-saved"
                data-over=tr!(lang, "reveal-wishes-too-long", max = MAX_GIFT_PREFERENCES_CHARS, n = "{n}")
                aria-invalid=invalid.then_some("true") autofocus=invalid
                aria-describedby="wishes-count field-gift_preferences-error">{textarea_text(initial)}</textarea>
            <p id="wishes-count" class="counter" class:counter--over=over>{format!("{count} / {MAX_GIFT_PREFERENCES_CHARS}")}</p>
            <p id="field-gift_preferences-error" class="field__error" aria-live="polite">{error}</p>
        </div>
        <button type="submit" class="button">{tr!(lang, "reveal-wishes-save")}</button>
        <p id="wishes-saved" class="form-success" role="status" hidden=!saved>{tr!(lang, "reveal-wishes-saved")}</p>
    }
}

/// A month's name as the language's dates use it (Polish: the genitive, "grudnia").
fn month_name(lang: Lang, month: u32) -> &'static str {
    match month {
        1 => tr!(lang, "month-1"),
        2 => tr!(lang, "month-2"),
        3 => tr!(lang, "month-3"),
        4 => tr!(lang, "month-4"),
        5 => tr!(lang, "month-5"),
        6 => tr!(lang, "month-6"),
        7 => tr!(lang, "month-7"),
        8 => tr!(lang, "month-8"),
        9 => tr!(lang, "month-9"),
        10 => tr!(lang, "month-10"),
        11 => tr!(lang, "month-11"),
        _ => tr!(lang, "month-12"),
    }
}

/// A message's time from its ISO form: the day alone (`2026-12-01`, what the recipient is shown
/// of their giver's messages) or the day and the minute (`2026-12-01T18:05:00Z`). None when it is
/// neither.
fn message_time(lang: Lang, iso: &str) -> Option<String> {
    let (date, time) = match iso.split_once('T') {
        Some((date, time)) => (date, Some(time.get(..5)?)),
        None => (iso, None),
    };
    if format_date(lang, date) == date {
        return None;
    }
    Some(match time {
        Some(time) => format_datetime(lang, &format!("{date} {time}")),
        None => format_date(lang, date),
    })
}

/// A `<textarea>`'s starting text. tachys writes a textarea's children unescaped on the server
/// (it treats the element as raw text), so wishes holding `</textarea>` would end the element and
/// inject markup: the server escapes it itself. In the browser the text is set as a value, which
/// needs no escaping. Any new textarea with server-rendered content must go through this.
pub(crate) fn textarea_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
}
