use leptos::prelude::*;

use leptos::server_fn::ServerFn;

use crate::domain::limits::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
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
    /// The field may stay empty.
    #[prop(optional)]
    optional: bool,
    /// The value the field starts with.
    #[prop(optional, into)]
    value: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    // Back from a refused plain post, the field shows what was typed (never a password), over
    // what it starts with otherwise (found from outside: the invitation's form put the invited
    // address back over the one the person had typed).
    let value = (kind != "password")
        .then(|| crate::ui::auth::query(name))
        .flatten()
        .or(value);
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
                required=!optional
                minlength=minlength
                maxlength=maxlength
                value=value
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                // Back from a refused post, the page opens on the first field to fix.
                autofocus=move || error.get().is_some()
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
            // Back from a refused post, focus starts here, so the message is read first.
            <p class="form-message" role="alert" tabindex="-1" autofocus=true>{move || message.get()}</p>
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

    /// The errors of a server action's last submission.
    pub fn of<S>(action: ServerAction<S>) -> Self
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        Self::new(move || action.value().get().and_then(Result::err))
    }

    /// [`Self::message`], but a link that no longer works (not found) is told in `gone`'s words.
    pub fn message_or_gone(self, gone: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || match self.error.get()? {
            AppError::NotFound => Some(gone.to_string()),
            AppError::Validation(_) => None,
            other => Some(other.to_string()),
        })
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

/// A new password and its confirmation. `new` is for replacing a password ("New password");
/// otherwise it is a first one ("Password"), with a word on choosing it.
#[component]
pub fn NewPasswordFields(errors: FormErrors, #[prop(optional)] new: bool) -> impl IntoView {
    let lang = crate::ui::use_lang();
    let (label, confirm, hint) = if new {
        (
            crate::tr!(lang, "password-new"),
            crate::tr!(lang, "password-new-confirm"),
            crate::tr!(lang, "password-new-hint"),
        )
    } else {
        (
            crate::tr!(lang, "password-first"),
            crate::tr!(lang, "password-first-confirm"),
            crate::tr!(lang, "password-first-hint"),
        )
    };
    view! {
        <Field label name="password" kind="password" autocomplete="new-password" hint
            minlength=MIN_PASSWORD_CHARS maxlength=MAX_PASSWORD_CHARS error=errors.field("password") />
        <Field label=confirm name="confirm" kind="password" autocomplete="new-password"
            maxlength=MAX_PASSWORD_CHARS error=errors.field("confirm") />
    }
}

/// A form's panel: its title and a line on what it is for, then the form. On a settings page it
/// is one section among others (`h2`); with `page`, the form is the page (log in, register, a new
/// password) and its title is the page's title and heading.
#[component]
pub fn FormPanel(
    id: &'static str,
    title: &'static str,
    lead: &'static str,
    #[prop(optional)] page: bool,
    children: Children,
) -> impl IntoView {
    let heading = if page {
        view! { <h1 id=id>{title}</h1> }.into_any()
    } else {
        view! { <h2 id=id>{title}</h2> }.into_any()
    };
    view! {
        {page.then(|| view! { <leptos_meta::Title text=title /> })}
        <section class=if page { "panel auth-panel" } else { "panel panel--form" } aria-labelledby=id>
            {heading}
            <p class=page.then_some("auth-panel__lead")>{lead}</p>
            {children()}
        </section>
    }
}

/// "Saved": said once the form's last submission went through.
#[component]
pub fn Saved(#[prop(into)] when: Signal<bool>, text: &'static str) -> impl IntoView {
    view! {
        <Show when=move || when.get()>
            <p class="form-success" role="status">{text}</p>
        </Show>
    }
}
