//! The organizer's form for a draw: details, people, and who must not give to whom. The rules of
//! `domain::draw` run live in the browser once the organizer first tries to save, and again on
//! the server. The form's state is in `state`; each panel has a module of its own.

mod details;
pub use details::CURRENCIES;
mod people;
mod rules;
mod state;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::auth::UserView;
use crate::api::draws::SaveDraw;
use crate::domain::draw::DrawInput;
use crate::ui::components::FormMessage;
use crate::ui::islands::mark_hydrated;
use details::DetailsPanel;
use people::PeoplePanel;
use rules::RulesPanel;
use state::EditorState;

/// The draw editor, an island: `id` is the draw being changed (None: a new one), `me` the
/// organizer, for "I'm taking part too".
#[island]
pub fn DrawEditor(id: Option<String>, initial: DrawInput, me: UserView) -> impl IntoView {
    let state = EditorState::new(initial, me);
    let editing = id.is_some();
    let save = state.save;
    let root = NodeRef::<leptos::html::Form>::new();
    mark_hydrated(root);
    // The form is inert until it is live: what was typed before the wasm ran would be lost, and
    // a submit would only reload the page.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));

    // Saved: on to the draw's page, a full page load (the pages are the server's).
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            let flag = if editing { "saved" } else { "created" };
            let _ = window()
                .location()
                .set_href(&format!("/draws/{id}?{flag}=1"));
        }
    });

    let id_for_submit = id.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        state.submitted.set(true);
        let (input, _) = state.current();
        if input.validate_for(state.my_email().as_deref()).is_ok() {
            save.dispatch(SaveDraw {
                id: id_for_submit.clone(),
                draw: input,
            });
        } else {
            // Once the errors are on the page, take the person to the first one.
            set_timeout(focus_first_invalid, std::time::Duration::ZERO);
        }
    };

    view! {
        <form class="draw-form" on:submit=on_submit novalidate=true node_ref=root inert=move || !live.get()>
            <FormMessage message=Signal::derive(move || state.form_message()) />
            <DetailsPanel state />
            <PeoplePanel state />
            <RulesPanel state />
            <div class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {move || match (save.pending().get(), editing) {
                        (true, _) => "Saving…",
                        (false, true) => "Save changes",
                        (false, false) => "Create draw",
                    }}
                </button>
                <a class="button button--quiet" href=id.map_or("/draws".to_string(), |id| format!("/draws/{id}"))>"Cancel"</a>
            </div>
        </form>
    }
}

/// Focuses the element with `id` once the view has caught up with the change just made.
fn focus_later(id: String) {
    set_timeout(
        move || {
            use leptos::wasm_bindgen::JsCast;
            if let Some(el) = document()
                .get_element_by_id(&id)
                .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

fn focus_first_invalid() {
    use leptos::wasm_bindgen::JsCast;
    let Ok(candidates) = document().query_selector_all(
        "form.draw-form [aria-invalid='true'], form.draw-form .field__error--block",
    ) else {
        return;
    };
    // The first field marked invalid, or the first block message that says something (an empty
    // one still holds the text node it will fill).
    let first = (0..candidates.length())
        .filter_map(|i| candidates.item(i))
        .filter_map(|node| node.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        .find(|el| {
            el.tag_name() != "P" || !el.text_content().unwrap_or_default().trim().is_empty()
        });
    if let Some(el) = first {
        if el.tag_name() != "P" {
            let _ = el.focus();
        }
        el.scroll_into_view();
    }
}

/// A labelled text input bound to a signal, with its error below.
#[component]
fn TextField(
    label: &'static str,
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p id=hint_id class="field__hint">{h}</p> })}
            <input id=id type=kind autocomplete=autocomplete inputmode=inputmode maxlength=maxlength
                bind:value=value
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by />
            <p id=error_id class="field__error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
