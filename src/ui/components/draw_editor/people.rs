//! The people of the draw: a row each, "I'm taking part too", and pasting a list.

use leptos::prelude::*;

use super::state::{EditorState, PersonRow};
use super::{focus_later, TextField};
use crate::domain::draw::{parse_people_list, participant_field, ParticipantInput};
use crate::domain::limits::{
    MAX_GIFT_PREFERENCES_CHARS, MAX_PARTICIPANTS, MAX_PERSON_NAME_CHARS, MIN_PARTICIPANTS,
};
use crate::domain::GiftPreferences;

#[component]
pub(super) fn PeoplePanel(state: EditorState) -> impl IntoView {
    let people = state.people;
    let paste = RwSignal::new(String::new());
    let unreadable = RwSignal::new(Vec::<String>::new());

    let add_person = move |_| {
        let row = state.person(ParticipantInput::default());
        people.update(|rows| rows.push(row));
        focus_later(format!("p-{}-name", row.key));
    };
    let remove_person = move |key: usize| {
        people.update(|rows| rows.retain(|r| r.key != key));
        state.rules.update(|rules| {
            rules.retain(|r| {
                r.giver.get_untracked() != Some(key) && r.recipient.get_untracked() != Some(key)
            })
        });
    };
    let add_pasted = move |_| {
        let (found, bad) = parse_people_list(&paste.get());
        // Pasted people fill the empty rows first (the three a new draw starts with), then get
        // rows of their own.
        let mut empty: Vec<PersonRow> = people
            .get_untracked()
            .into_iter()
            .filter(PersonRow::is_blank)
            .collect();
        empty.reverse();
        let mut extra = Vec::new();
        for p in found {
            match empty.pop() {
                Some(row) => {
                    row.name.set(p.name);
                    row.surname.set(p.surname);
                    row.email.set(p.email);
                    row.prefs.set(p.gift_preferences);
                }
                None => extra.push(state.person(p)),
            }
        }
        people.update(|rows| rows.extend(extra));
        // Lines that could not be read stay in the box, to be fixed rather than typed again.
        paste.set(bad.join("\n"));
        unreadable.set(bad);
    };
    let taking_part = move || {
        state.my_email().is_some_and(|mine| {
            people
                .get()
                .iter()
                .any(|r| r.email.get().trim().eq_ignore_ascii_case(&mine))
        })
    };
    let add_me = move |_| {
        let me = state.me.get_value();
        if !me.email.is_empty() {
            let row = state.person(ParticipantInput {
                name: me.first_name,
                surname: me.surname,
                email: me.email,
                ..Default::default()
            });
            people.update(|rows| rows.push(row));
            // The button goes away with the click: focus moves to the new row's gift wishes, the
            // one field left to fill.
            focus_later(format!("p-{}-prefs", row.key));
        }
    };
    let count = move || people.get().len();

    view! {
        <section class="panel panel--form" aria-labelledby="people-title">
            <div class="section-head">
                <h2 id="people-title">"People"</h2>
                <p class="count" aria-live="polite">
                    {move || format!("{} of {MIN_PARTICIPANTS}–{MAX_PARTICIPANTS}", count())}
                </p>
            </div>
            <p id="participants-error" class="field__error field__error--block" aria-live="polite">
                {move || state.error_at("participants")}
            </p>
            <For each=move || people.get() key=|row| row.key let:row>
                {
                    let index = move || people.with(|rows| rows.iter().position(|r| r.key == row.key).unwrap_or(0));
                    let err = move |f: &'static str| Signal::derive(move || state.error_at(&participant_field(index(), f)));
                    let prefs_count = move || GiftPreferences::count(&row.prefs.get());
                    let pid = move |f: &str| format!("p-{}-{f}", row.key);
                    view! {
                        <fieldset class="person">
                            <legend>{move || format!("Person {}", index() + 1)}</legend>
                            <div class="field-row">
                                <TextField label="First name" id=pid("name") value=row.name maxlength=MAX_PERSON_NAME_CHARS autocomplete="off" error=err("name") />
                                <TextField label="Surname" id=pid("surname") value=row.surname maxlength=MAX_PERSON_NAME_CHARS autocomplete="off" error=err("surname") />
                                <TextField label="Email" id=pid("email") value=row.email kind="email" autocomplete="off" error=err("email") />
                            </div>
                            <div class="field" class:field--invalid=move || err("gift_preferences").get().is_some()>
                                <label for=pid("prefs")>"Gift preferences"</label>
                                <textarea id=pid("prefs") rows="2" bind:value=row.prefs
                                    aria-invalid=move || err("gift_preferences").get().map(|_| "true")
                                    aria-describedby=format!("{} {}", pid("prefs-count"), pid("prefs-error"))></textarea>
                                <p id=pid("prefs-count") class="counter"
                                    class:counter--over={move || prefs_count() > MAX_GIFT_PREFERENCES_CHARS}>
                                    {move || format!("{} / {MAX_GIFT_PREFERENCES_CHARS}", prefs_count())}
                                </p>
                                <p id=pid("prefs-error") class="field__error" aria-live="polite">{move || err("gift_preferences").get()}</p>
                            </div>
                            <button type="button" class="button button--small button--quiet"
                                on:click=move |_| remove_person(row.key)>
                                {move || format!("Remove person {}", index() + 1)}
                            </button>
                        </fieldset>
                    }
                }
            </For>
            <div class="actions">
                <button type="button" class="button button--secondary" on:click=add_person>"Add a person"</button>
                <Show when=move || state.my_email().is_some() && !taking_part()>
                    <button type="button" class="button button--secondary" on:click=add_me>"I'm taking part too"</button>
                </Show>
            </div>
            <details class="paste">
                <summary>"Paste a list of people"</summary>
                <div class="field">
                    <label for="paste-list">"One person per line, like: Ada Lovelace <ada@example.org>"</label>
                    <textarea id="paste-list" rows="4" bind:value=paste></textarea>
                </div>
                <button type="button" class="button button--secondary" on:click=add_pasted>"Add these people"</button>
                <Show when=move || !unreadable.get().is_empty()>
                    <p class="field__error" role="status">
                        {move || format!("Could not read: {}", unreadable.get().join("; "))}
                    </p>
                </Show>
            </details>
        </section>
    }
}
