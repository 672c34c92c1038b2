use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::ui::components::ErrorPanel;

/// Any address no route knows: a friendly page with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text=tr!(use_lang(), "error-not-found-title") />
        <ErrorPanel error=AppError::NotFound />
    }
}
