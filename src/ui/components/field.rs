use leptos::prelude::*;

use crate::error::AppError;

/// A labelled input with its error message right below it, announced to screen readers and
/// linked to the input (`aria-describedby`, `aria-invalid`).
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] minlength: Option<usize>,
    #[prop(optional)] maxlength: Option<usize>,
    /// The value the field starts with.
    #[prop(optional, into)]
    value: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p id=hint_id class="field__hint">{h}</p> })}
            <input
                id=id
                type=kind
                name=name
                autocomplete=autocomplete
                required=true
                minlength=minlength
                maxlength=maxlength
                value=value
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
            />
            <p id=error_id class="field__error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// A message about the whole form (not one field), such as "Wrong email or password."
#[component]
pub fn FormMessage(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="form-message" role="alert">{move || message.get()}</p>
        </Show>
    }
}

/// The error of a form's last submission, split into the message about the whole form and the
/// messages of single fields.
#[derive(Clone, Copy)]
pub struct FormErrors {
    error: Signal<Option<AppError>>,
}

impl FormErrors {
    pub fn new(error: impl Fn() -> Option<AppError> + Send + Sync + 'static) -> Self {
        FormErrors {
            error: Signal::derive(error),
        }
    }

    /// Everything but field errors, which show at their fields.
    pub fn message(self) -> Signal<Option<String>> {
        Signal::derive(move || match self.error.get()? {
            AppError::Validation(_) => None,
            other => Some(other.to_string()),
        })
    }

    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.error.get().and_then(|e| e.field(name)))
    }
}
