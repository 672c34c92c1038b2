//! A participant's page for one draw: the click-to-reveal match, their own wish letter, and gift
//! ideas for the person they give to. The page renders on the server and its actions are plain
//! forms: each post comes back to this page, which then shows what it did. The one island counts
//! the wish letter's characters as they are typed — the page's whole wasm.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::participant::{
    my_draw, reveal_match, GiftIdeaList, GiftIdeas, MyDrawView, Reveal, RevealMatch, SaveWishes,
};
use crate::domain::limits::MAX_GIFT_PREFERENCES_CHARS;
use crate::domain::views::ParticipantDraw;
use crate::domain::GiftPreferences;
use crate::error::AppError;
use crate::ui::auth::{posted_error, query, RequireUser};
use crate::ui::components::ErrorPanel;
use crate::ui::islands::mark_hydrated;
use crate::ui::IslandScripts;

#[component]
pub fn MatchPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    // Back from a plain post that revealed the match (or asked for ideas): show it open. Only
    // once it is marked seen, so a link to `?shown=1` alone opens nothing.
    let shown = query("shown").is_some();
    view! {
        <RequireUser children=move |_| {
            let draw = Resource::new(move || id.clone(), move |id| async move {
                let view = my_draw(id.clone()).await?;
                let open = if shown && view.draw.viewed { reveal_match(id).await.ok() } else { None };
                Ok::<_, AppError>((view, open))
            });
            view! {
                <Suspense fallback=|| view! { <p class="loading">"Loading your draw…"</p> }>
                    {move || Suspend::new(async move {
                        match draw.await {
                            Ok((view, open)) => view! { <MyDraw view open /> }.into_any(),
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn MyDraw(view: MyDrawView, open: Option<Reveal>) -> impl IntoView {
    let MyDrawView {
        id,
        budget,
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
    let organizer_link = organizing.then(|| format!("/draws/{id}"));
    let error = posted_error::<RevealMatch>().map(|e| e.to_string());
    let ideas_error = posted_error::<GiftIdeas>().map(|e| e.to_string());
    let wishes_error = posted_error::<SaveWishes>().map(|e| match e {
        AppError::Validation(errors) => errors
            .into_iter()
            .find(|e| e.field == "gift_preferences")
            .map_or_else(|| AppError::Internal.to_string(), |e| e.message),
        other => other.to_string(),
    });
    let saved = query("saved").is_some();
    // Back from a post, focus goes to what it changed (as it would without the page load).
    let ideas_first = query("focus").as_deref() == Some("ideas");
    view! {
        <Title text=name.clone() />
        <article class="my-draw" aria-labelledby="my-draw-title">
            <p class="eyebrow">"Secret Santa"</p>
            <h1 id="my-draw-title">{name}</h1>
            <dl class="facts">
                {organizer.map(|o| view! { <div><dt>"Organized by"</dt><dd>{o}</dd></div> })}
                {budget.map(|b| view! { <div><dt>"Budget"</dt><dd>{b}</dd></div> })}
                {exchange_date.map(|d| view! { <div><dt>"Exchange"</dt><dd><time datetime=d.clone()>{d.clone()}</time></dd></div> })}
                {message.map(|m| view! { <div><dt>"Message"</dt><dd class="prewrap">{m}</dd></div> })}
            </dl>
            {organizer_link.map(|href| view! {
                <p class="muted">"You organize this draw too. " <a href=href>"Open the organizer's view"</a></p>
            })}
            {if drawn {
                view! { <RevealCard id=id.clone() viewed changed_on open error=error.or(ideas_error) ideas_first focus=!saved /> }.into_any()
            } else {
                view! {
                    <section class="panel">
                        <h2>"Your match is not drawn yet"</h2>
                        <p>"Once the organizer runs the draw, the person you give to appears here."</p>
                    </section>
                }.into_any()
            }}
            <WishLetter id initial=my_wishes saved error=wishes_error />
        </article>
        <IslandScripts on_interaction=true />
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
) -> impl IntoView {
    let reveal = ServerAction::<RevealMatch>::new();
    let changed = changed_on.clone().map(|on| view! {
        <p class="warning" role="note" data-testid="match-changed">
            {format!("Your match changed on {on}: someone left or joined the draw, so you now give to someone else.")}
        </p>
    });
    match open {
        Some(r) => view! {
            <section class="panel reveal-card reveal-card--open" aria-labelledby="match-title">
                <h2 id="match-title" tabindex="-1" autofocus=focus && !ideas_first>"You give a gift to"</h2>
                {changed}
                <p class="reveal-card__name" data-testid="match-name">{format!("{} {}", r.name, r.surname)}</p>
                <p class="muted">{r.email.clone()}</p>
                <h3>"Their wishes"</h3>
                {if r.wishes.is_empty() {
                    view! { <p class="muted">"They have not written any wishes yet. Gift ideas still work from the budget."</p> }.into_any()
                } else {
                    view! { <p class="prewrap wish-text" data-testid="match-wishes">{r.wishes.clone()}</p> }.into_any()
                }}
                <a class="button button--quiet" href=format!("/draws/{id}/match")>"Hide my match"</a>
            </section>
            <GiftIdeasPanel id current=r.ideas error focus=focus && ideas_first />
        }
        .into_any(),
        None => view! {
            <section class="panel reveal-card reveal-card--closed" aria-labelledby="match-title">
                <h2 id="match-title">"Your match"</h2>
                {changed}
                <p>"It stays hidden until you open it, so nobody reads it over your shoulder."</p>
                {error.map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
                <ActionForm action=reveal>
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button button--large">
                        {if viewed {
                            "Show my match again"
                        } else if changed_on.is_some() {
                            "Reveal my new match"
                        } else {
                            "Reveal my match"
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
    let ask = ServerAction::<GiftIdeas>::new();
    let refresh = current.is_some();
    view! {
        <section class="panel gift-ideas" aria-labelledby="ideas-title">
            <h2 id="ideas-title" tabindex="-1" autofocus=focus>"Gift ideas"</h2>
            {match current {
                None => view! {
                    <p>"Stuck for a present? Get a few ideas from their wishes and the budget."</p>
                }.into_any(),
                Some(list) => view! {
                    <p class="ideas-source">
                        {if list.offline {
                            "Made on our server from the wish letter (no AI provider is set up)."
                        } else {
                            "Suggested by AI from the wish letter and budget only — no names or emails are shared."
                        }}
                        " " <span class="muted">{format!("Made {}.", list.made_at)}</span>
                    </p>
                    {list.wishes_changed.then(|| view! {
                        <p class="warning" role="note">"Their wishes or the budget changed since these ideas were made. Refresh for new ones."</p>
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
                    {if refresh { "Refresh ideas" } else { "Get gift ideas" }}
                </button>
            </ActionForm>
        </section>
    }
}

/// My own wish letter in this draw, which my giver reads: a plain form around the island that
/// counts as I type.
#[component]
fn WishLetter(id: String, initial: String, saved: bool, error: Option<String>) -> impl IntoView {
    let save = ServerAction::<SaveWishes>::new();
    view! {
        <section class="panel panel--form wish-letter" aria-labelledby="wishes-title">
            <h2 id="wishes-title" tabindex="-1" autofocus=saved>"My wish letter"</h2>
            <p>"The person who gives to you reads this — and so can the draw's organizer: hobbies, sizes, things you would love, or would rather not get."</p>
            <ActionForm action=save>
                <input type="hidden" name="id" value=id />
                <WishText initial saved error />
            </ActionForm>
        </section>
    }
}

/// The wish letter's text with its live count, the save button (off while the text is too long)
/// and "Saved" until the text changes. It only counts: the post is the plain form's.
#[island]
fn WishText(initial: String, saved: bool, error: Option<String>) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    mark_hydrated(root);
    let text = RwSignal::new(initial.clone());
    let posted = StoredValue::new((error, initial));
    let count = move || GiftPreferences::count(text.read().trim());
    let over = move || count() > MAX_GIFT_PREFERENCES_CHARS;
    let error = move || {
        if over() {
            Some(format!(
                "Gift preferences can have at most {MAX_GIFT_PREFERENCES_CHARS} characters ({} now).",
                count()
            ))
        } else {
            // The server's refusal stands until the text changes.
            let (error, initial) = posted.get_value();
            error.filter(|_| text.with(|t| *t == initial))
        }
    };
    let saved_text = saved.then(|| text.get_untracked());
    let saved = move || {
        saved_text
            .as_ref()
            .is_some_and(|t| text.with(|now| now == t))
    };
    view! {
        <div node_ref=root>
            <div class="field" class:field--invalid=move || error().is_some()>
                <label for="field-gift_preferences">"What would you like?"</label>
                // The browser stops typing at the limit even before the counter has loaded (it
                // counts a line break as one character, as the server does).
                <textarea id="field-gift_preferences" name="gift_preferences" rows="8"
                    maxlength=MAX_GIFT_PREFERENCES_CHARS
                    bind:value=text
                    aria-invalid=move || error().map(|_| "true")
                    aria-describedby="wishes-count field-gift_preferences-error">{textarea_text(text.get_untracked())}</textarea>
                <p id="wishes-count" class="counter" class:counter--over=over>
                    {move || format!("{} / {MAX_GIFT_PREFERENCES_CHARS}", count())}
                </p>
                <p id="field-gift_preferences-error" class="field__error" aria-live="polite">{error}</p>
            </div>
            <button type="submit" class="button" disabled=over>"Save my wishes"</button>
            <p class="form-success" role="status" hidden=move || !saved()>"Saved. Your Secret Santa sees your new wishes."</p>
        </div>
    }
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
