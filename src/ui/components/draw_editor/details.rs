//! The draw's details: name, budget and currency, exchange date, message.

use leptos::prelude::*;

use super::state::EditorState;
use super::TextField;
use crate::domain::limits::{MAX_DRAW_MESSAGE_CHARS, MAX_DRAW_NAME_CHARS};

/// The currencies a budget can be in.
pub const CURRENCIES: [&str; 8] = ["EUR", "USD", "GBP", "PLN", "CHF", "SEK", "CAD", "AUD"];

#[component]
pub(super) fn DetailsPanel(state: EditorState) -> impl IntoView {
    let error_at = move |field: &str| state.error_at(field);
    view! {
        <section class="panel panel--form" aria-labelledby="details-title">
            <h2 id="details-title">"Details"</h2>
            <TextField label="Name of the draw" id="draw-name" value=state.name maxlength=MAX_DRAW_NAME_CHARS
                error=state.error_signal("name") />
            <div class="field-row">
                <TextField label="Budget (optional)" id="draw-budget" value=state.budget inputmode="decimal"
                    hint="Per gift, e.g. 25" error=state.error_signal("budget") />
                <div class="field">
                    <label for="draw-currency">"Currency"</label>
                    <select id="draw-currency" bind:value=state.currency
                        aria-invalid=move || error_at("currency").map(|_| "true")>
                        {CURRENCIES.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                    </select>
                    <p class="field__error" aria-live="polite">{move || error_at("currency")}</p>
                </div>
                <TextField label="Exchange date (optional)" id="draw-date" value=state.exchange_date kind="date"
                    error=state.error_signal("exchange_date") />
            </div>
            <div class="field" class:field--invalid=move || error_at("message").is_some()>
                <label for="draw-message">"Message to participants (optional)"</label>
                <textarea id="draw-message" rows="3" maxlength=MAX_DRAW_MESSAGE_CHARS bind:value=state.message
                    aria-invalid=move || error_at("message").map(|_| "true")
                    aria-describedby="draw-message-error"></textarea>
                <p id="draw-message-error" class="field__error" aria-live="polite">{move || error_at("message")}</p>
            </div>
        </section>
    }
}
