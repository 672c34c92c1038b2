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

/// One error, explained, with a way back. Sets the response status when rendered on the server.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
                response.set_status(status);
            }
        }
    }
    let title = match &error {
        AppError::NotFound => "Page not found",
        AppError::Unauthorized | AppError::InvalidCredentials => "Please log in",
        AppError::Validation(_) => "Please check your input",
        AppError::TooManyAttempts { .. }
        | AppError::TooManyRegistrations { .. }
        | AppError::RefreshTooSoon { .. }
        | AppError::DailyLimitReached => "Too many attempts",
        AppError::Unavailable | AppError::GiftIdeasUnavailable => "Busy right now",
        AppError::Network => "Connection problem",
        AppError::BadRequest | AppError::TooLarge => "Please check your input",
        AppError::Internal => "Something went wrong",
    };
    view! {
        // The page's own title ("Edit draw") must not stay on a page that says "not found".
        <leptos_meta::Title text=title />
        <section class="panel panel--error" role="alert" aria-labelledby="error-title">
            <p class="panel__code" aria-hidden="true">{error.status()}</p>
            <h1 id="error-title">{title}</h1>
            <p>{error.to_string()}</p>
            <p><a class="button button--secondary" href="/">"Back to the home page"</a></p>
        </section>
    }
}
