//! A participant's page for one draw: the click-to-reveal match, their own wish letter, and gift
//! ideas for the person they give to.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::participant::{
    my_draw, GiftIdeaList, GiftIdeas, MyDrawView, RevealMatch, SaveWishes,
};
use crate::domain::limits::MAX_GIFT_PREFERENCES_CHARS;
use crate::domain::views::ParticipantDraw;
use crate::domain::GiftPreferences;
use crate::error::AppError;
use crate::ui::auth::RequireUser;
use crate::ui::components::ErrorPanel;

#[component]
pub fn MatchPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <RequireUser children=move |_| {
            let draw = Resource::new(id, my_draw);
            view! {
                <Suspense fallback=|| view! { <p class="loading">"Loading your draw…"</p> }>
                    {move || Suspend::new(async move {
                        match draw.await {
                            Ok(view) => view! { <MyDraw view /> }.into_any(),
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    })}
                </Suspense>
            }
        } />
    }
}

#[component]
fn MyDraw(view: MyDrawView) -> impl IntoView {
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
                organizing,
                my_wishes,
            },
    } = view;
    let organizer_link = organizing.then(|| format!("/draws/{id}"));
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
                view! { <RevealCard id=id.clone() viewed /> }.into_any()
            } else {
                view! {
                    <section class="panel">
                        <h2>"Your match is not drawn yet"</h2>
                        <p>"Once the organizer runs the draw, the person you give to appears here."</p>
                    </section>
                }.into_any()
            }}
            <WishLetter id initial=my_wishes />
        </article>
    }
}

/// The match stays hidden until asked for, so nobody reads it over a shoulder.
#[component]
fn RevealCard(id: String, viewed: bool) -> impl IntoView {
    let reveal = ServerAction::<RevealMatch>::new();
    let shown = RwSignal::new(false);
    let heading = NodeRef::<html::H2>::new();
    let id = StoredValue::new(id);
    Effect::new(move |_| {
        if shown.get() && matches!(reveal.value().get(), Some(Ok(_))) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
    });
    let open = move |_| {
        shown.set(true);
        reveal.dispatch(RevealMatch { id: id.get_value() });
    };
    view! {
        {move || match (shown.get(), reveal.value().get()) {
            (true, Some(Ok(r))) => {
                let ideas = r.ideas.clone();
                view! {
                    <section class="panel reveal-card reveal-card--open" aria-labelledby="match-title">
                        <h2 id="match-title" tabindex="-1" node_ref=heading>"You give a gift to"</h2>
                        <p class="reveal-card__name" data-testid="match-name">{format!("{} {}", r.name, r.surname)}</p>
                        <p class="muted">{r.email.clone()}</p>
                        <h3>"Their wishes"</h3>
                        {if r.wishes.is_empty() {
                            view! { <p class="muted">"They have not written any wishes yet. Gift ideas still work from the budget."</p> }.into_any()
                        } else {
                            view! { <p class="prewrap wish-text" data-testid="match-wishes">{r.wishes.clone()}</p> }.into_any()
                        }}
                        <button type="button" class="button button--quiet" on:click=move |_| shown.set(false)>"Hide my match"</button>
                    </section>
                    <GiftIdeasPanel id=id.get_value() initial=ideas />
                }.into_any()
            }
            (true, Some(Err(error))) => view! {
                <section class="panel reveal-card">
                    <h2>"Your match"</h2>
                    <p class="form-message" role="alert">{error.to_string()}</p>
                    <button type="button" class="button" on:click=open>"Try again"</button>
                </section>
            }.into_any(),
            _ => view! {
                <section class="panel reveal-card reveal-card--closed" aria-labelledby="match-title">
                    <h2 id="match-title">"Your match"</h2>
                    <p>"It stays hidden until you open it, so nobody reads it over your shoulder."</p>
                    <button type="button" class="button button--large" on:click=open disabled=move || reveal.pending().get()>
                        {move || if reveal.pending().get() {
                            "Opening…"
                        } else if viewed || reveal.value().get().is_some() {
                            "Show my match again"
                        } else {
                            "Reveal my match"
                        }}
                    </button>
                </section>
            }.into_any(),
        }}
    }
}

#[component]
fn GiftIdeasPanel(id: String, initial: Option<GiftIdeaList>) -> impl IntoView {
    let ask = ServerAction::<GiftIdeas>::new();
    let current = RwSignal::new(initial);
    Effect::new(move |_| {
        if let Some(Ok(list)) = ask.value().get() {
            current.set(Some(list));
        }
    });
    let error = move || match ask.value().get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    let id = StoredValue::new(id);
    let pending = ask.pending();
    let request = move |_| {
        ask.dispatch(GiftIdeas {
            id: id.get_value(),
            refresh: current.with(Option::is_some),
        });
    };
    view! {
        <section class="panel gift-ideas" aria-labelledby="ideas-title" aria-busy=move || pending.get().to_string()>
            <h2 id="ideas-title">"Gift ideas"</h2>
            {move || match current.get() {
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
            <p class="form-message" role="alert" hidden=move || error().is_none()>{error}</p>
            <button type="button" class="button" on:click=request disabled=move || pending.get()>
                {move || if pending.get() {
                    "Thinking of ideas…"
                } else if current.with(Option::is_some) {
                    "Refresh ideas"
                } else {
                    "Get gift ideas"
                }}
            </button>
            <p class="visually-hidden" role="status">{move || if pending.get() { "Thinking of gift ideas…" } else { "" }}</p>
        </section>
    }
}

/// My own wishes in this draw, which my giver reads.
#[component]
fn WishLetter(id: String, initial: String) -> impl IntoView {
    let save = ServerAction::<SaveWishes>::new();
    let text = RwSignal::new(initial);
    let count = move || GiftPreferences::count(text.read().trim());
    let over = move || count() > MAX_GIFT_PREFERENCES_CHARS;
    let server_error = move || match save.value().get() {
        Some(Err(AppError::Validation(errors))) => errors
            .into_iter()
            .find(|e| e.field == "gift_preferences")
            .map(|e| e.message),
        Some(Err(other)) => Some(other.to_string()),
        _ => None,
    };
    let error = move || {
        if over() {
            Some(format!(
                "Gift preferences can have at most {MAX_GIFT_PREFERENCES_CHARS} characters ({} now).",
                count()
            ))
        } else {
            server_error()
        }
    };
    // "Saved" shows until the text changes again.
    let saved_text = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            saved_text.set(Some(text.get_untracked()));
        }
    });
    let saved = move || saved_text.get().is_some_and(|t| t == text.get());
    view! {
        <section class="panel panel--form wish-letter" aria-labelledby="wishes-title">
            <h2 id="wishes-title">"My wish letter"</h2>
            <p>"The person who gives to you reads this — and so can the draw's organizer: hobbies, sizes, things you would love, or would rather not get."</p>
            <ActionForm action=save>
                <input type="hidden" name="id" value=id />
                <div class="field" class:field--invalid=move || error().is_some()>
                    <label for="field-gift_preferences">"What would you like?"</label>
                    <textarea id="field-gift_preferences" name="gift_preferences" rows="8"
                        bind:value=text
                        aria-invalid=move || error().map(|_| "true")
                        aria-describedby="wishes-count field-gift_preferences-error">{textarea_text(text.get_untracked())}</textarea>
                    <p id="wishes-count" class="counter" class:counter--over=over>
                        {move || format!("{} / {MAX_GIFT_PREFERENCES_CHARS}", count())}
                    </p>
                    <p id="field-gift_preferences-error" class="field__error" aria-live="polite">{error}</p>
                </div>
                <button type="submit" class="button" disabled=move || save.pending().get() || over()>
                    {move || if save.pending().get() { "Saving…" } else { "Save my wishes" }}
                </button>
                <p class="form-success" role="status" hidden=move || !saved()>"Saved. Your Secret Santa sees your new wishes."</p>
            </ActionForm>
        </section>
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
