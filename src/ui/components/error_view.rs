use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;

use crate::error::AppError;

/// What an error boundary shows: the user message of each `AppError`, and a generic message for
/// anything else (its text may be internal, so it is never shown).
#[component]
pub fn ErrorView(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        let mut seen: Vec<AppError> = errors
            .get()
            .into_iter()
            .map(|(_, e)| {
                e.downcast_ref::<AppError>()
                    .cloned()
                    .unwrap_or(AppError::Internal)
            })
            .collect();
        seen.dedup();
        seen
    };
    view! {
        {move || {
            messages()
                .into_iter()
                .map(|error| view! { <ErrorPanel error /> })
                .collect_view()
        }}
    }
}

/// Sets the status of the page's response (on the server; nothing in the browser).
pub fn respond_with(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(status) {
            response.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// One error, explained, with a way back. Sets the response status when rendered on the server.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    respond_with(error.status());
    let lang = use_lang();
    let title = match &error {
        AppError::NotFound => tr!(lang, "error-not-found-title"),
        AppError::Unauthorized | AppError::InvalidCredentials => tr!(lang, "error-log-in-title"),
        AppError::Validation(_) => tr!(lang, "error-check-title"),
        AppError::TooManyAttempts { .. }
        | AppError::TooManyRegistrations { .. }
        | AppError::RefreshTooSoon { .. }
        | AppError::DailyLimitReached => tr!(lang, "error-too-many-title"),
        AppError::Unavailable | AppError::GiftIdeasUnavailable => tr!(lang, "error-busy-title"),
        AppError::Network => tr!(lang, "error-connection-title"),
        AppError::BadRequest | AppError::TooLarge => tr!(lang, "error-check-title"),
        AppError::Internal => tr!(lang, "error-internal-title"),
    };
    view! {
        // The page's own title ("Edit draw") must not stay on a page that says "not found".
        <leptos_meta::Title text=title />
        <section class="panel panel--error" role="alert" aria-labelledby="error-title">
            <p class="panel__code" aria-hidden="true">{error.status()}</p>
            <h1 id="error-title">{title}</h1>
            <p>{error.text(lang)}</p>
            <p><a class="button button--secondary" href="/">{tr!(lang, "error-back-home")}</a></p>
        </section>
    }
}
