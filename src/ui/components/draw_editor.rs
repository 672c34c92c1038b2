//! The organizer's form for a draw: details, people, and who must not give to whom. The rules of
//! `domain::draw` run live in the browser once the organizer first tries to save, and again on
//! the server.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::draws::SaveDraw;
use crate::domain::draw::{
    parse_people_list, participant_field, DrawInput, ExclusionInput, ParticipantInput,
};
use crate::domain::limits::{
    MAX_DRAW_MESSAGE_CHARS, MAX_DRAW_NAME_CHARS, MAX_GIFT_PREFERENCES_CHARS, MAX_PARTICIPANTS,
    MAX_PERSON_NAME_CHARS, MIN_PARTICIPANTS,
};
use crate::domain::GiftPreferences;
use crate::error::{AppError, FieldError};
use crate::ui::components::FormMessage;
use crate::ui::Auth;

#[derive(Clone, Copy)]
struct PersonRow {
    key: usize,
    name: RwSignal<String>,
    surname: RwSignal<String>,
    email: RwSignal<String>,
    prefs: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct RuleRow {
    key: usize,
    /// Person keys.
    giver: RwSignal<Option<usize>>,
    recipient: RwSignal<Option<usize>>,
    both_ways: RwSignal<bool>,
}

const CURRENCIES: [&str; 8] = ["EUR", "USD", "GBP", "PLN", "CHF", "SEK", "CAD", "AUD"];

#[component]
pub fn DrawEditor(id: Option<String>, initial: DrawInput) -> impl IntoView {
    let auth = Auth::get();
    let editing = id.is_some();
    let keys = StoredValue::new(0usize);
    let next_key = move || {
        let key = keys.get_value();
        keys.set_value(key + 1);
        key
    };
    // Rows made in a click handler belong to the editor, not to whatever owner the handler runs
    // under: "I'm taking part too" sits in a <Show> that hides it once the organizer is listed,
    // and that disposed the new row's signals with the button — every later read of the row
    // panicked ("already disposed") and the whole form went dead.
    let owner = StoredValue::new(Owner::current());
    let in_editor = move |make: &dyn Fn() -> PersonRow| match owner.get_value() {
        Some(owner) => owner.with(make),
        None => make(),
    };
    let person = move |p: ParticipantInput| {
        in_editor(&|| PersonRow {
            key: next_key(),
            name: RwSignal::new(p.name.clone()),
            surname: RwSignal::new(p.surname.clone()),
            email: RwSignal::new(p.email.clone()),
            prefs: RwSignal::new(p.gift_preferences.clone()),
        })
    };

    let mut rows: Vec<PersonRow> = initial.participants.iter().cloned().map(person).collect();
    while rows.len() < MIN_PARTICIPANTS {
        rows.push(person(ParticipantInput::default()));
    }
    let initial_rules: Vec<RuleRow> = initial
        .exclusions
        .iter()
        .filter_map(|e| {
            Some(RuleRow {
                key: next_key(),
                giver: RwSignal::new(Some(rows.get(e.giver)?.key)),
                recipient: RwSignal::new(Some(rows.get(e.recipient)?.key)),
                both_ways: RwSignal::new(false),
            })
        })
        .collect();
    let people = RwSignal::new(rows);
    let rules = RwSignal::new(initial_rules);

    let name = RwSignal::new(initial.name);
    let budget = RwSignal::new(initial.budget);
    let currency = RwSignal::new(if initial.currency.is_empty() {
        "EUR".to_string()
    } else {
        initial.currency
    });
    let exchange_date = RwSignal::new(initial.exchange_date);
    let message = RwSignal::new(initial.message);
    let paste = RwSignal::new(String::new());
    let unreadable = RwSignal::new(Vec::<String>::new());
    let submitted = RwSignal::new(false);

    // The form's current content, and for each exclusion the rule row it came from.
    let current = move || {
        let rows = people.get();
        let position = |key: Option<usize>| key.and_then(|k| rows.iter().position(|r| r.key == k));
        let mut exclusions = Vec::new();
        let mut rule_of = Vec::new();
        for (i, rule) in rules.get().iter().enumerate() {
            let (g, r) = (position(rule.giver.get()), position(rule.recipient.get()));
            let pick = |p: Option<usize>| p.unwrap_or(usize::MAX);
            exclusions.push(ExclusionInput {
                giver: pick(g),
                recipient: pick(r),
            });
            rule_of.push(i);
            if rule.both_ways.get() {
                exclusions.push(ExclusionInput {
                    giver: pick(r),
                    recipient: pick(g),
                });
                rule_of.push(i);
            }
        }
        let input = DrawInput {
            name: name.get(),
            budget: budget.get(),
            currency: currency.get(),
            exchange_date: exchange_date.get(),
            message: message.get(),
            participants: rows
                .iter()
                .map(|r| ParticipantInput {
                    name: r.name.get(),
                    surname: r.surname.get(),
                    email: r.email.get(),
                    gift_preferences: r.prefs.get(),
                })
                .collect(),
            exclusions,
        };
        (input, rule_of)
    };

    let my_email = move || {
        auth.user
            .get()
            .and_then(|u| u.ok())
            .flatten()
            .map(|u| u.email)
    };
    let save = ServerAction::<SaveDraw>::new();
    let client_errors = Memo::new(move |_| {
        if submitted.get() {
            current()
                .0
                .validate_for(my_email().as_deref())
                .err()
                .unwrap_or_default()
        } else {
            Vec::new()
        }
    });
    let server_errors = move || match save.value().get() {
        Some(Err(AppError::Validation(errors))) => errors,
        _ => Vec::new(),
    };
    let error_at = move |field: String| -> Option<String> {
        client_errors
            .get()
            .into_iter()
            .chain(server_errors())
            .find(|e: &FieldError| e.field == field)
            .map(|e| e.message)
    };
    let form_message = Signal::derive(move || match save.value().get() {
        Some(Err(AppError::Validation(errors))) if errors.iter().any(|e| e.field == "draw") => {
            errors
                .into_iter()
                .find(|e| e.field == "draw")
                .map(|e| e.message)
        }
        Some(Err(AppError::Validation(_))) | None | Some(Ok(_)) => {
            let errors = client_errors.get();
            // Say where to look when the only problem is in the rules, far down the form.
            if !errors.is_empty() && errors.iter().all(|e| e.field.starts_with("exclusions")) {
                Some("Please check the rules about who must not draw whom, below.".to_string())
            } else {
                (!errors.is_empty()).then(|| "Please correct the highlighted fields.".to_string())
            }
        }
        Some(Err(other)) => Some(other.to_string()),
    });

    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = save.value().get() {
            let flag = if editing { "saved" } else { "created" };
            navigate(&format!("/draws/{id}?{flag}=1"), Default::default());
        }
    });

    let id_for_submit = id.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let (input, _) = current();
        if input.validate_for(my_email().as_deref()).is_ok() {
            save.dispatch(SaveDraw {
                id: id_for_submit.clone(),
                draw: input,
            });
        } else {
            // Once the errors are on the page, take the person to the first one.
            set_timeout(focus_first_invalid, std::time::Duration::ZERO);
        }
    };

    let add_person = move |_| {
        let row = person(ParticipantInput::default());
        people.update(|rows| rows.push(row));
        focus_later(format!("p-{}-name", row.key));
    };
    let remove_person = move |key: usize| {
        people.update(|rows| rows.retain(|r| r.key != key));
        rules.update(|rules| {
            rules.retain(|r| {
                r.giver.get_untracked() != Some(key) && r.recipient.get_untracked() != Some(key)
            })
        });
    };
    let add_pasted = move |_| {
        let (found, bad) = parse_people_list(&paste.get());
        // Pasted people fill the empty rows first (the three a new draw starts with), then get
        // rows of their own.
        let blank = |r: &PersonRow| {
            [r.name, r.surname, r.email, r.prefs]
                .iter()
                .all(|f| f.get_untracked().trim().is_empty())
        };
        let mut empty: Vec<PersonRow> = people.get_untracked().into_iter().filter(blank).collect();
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
                None => extra.push(person(p)),
            }
        }
        people.update(|rows| rows.extend(extra));
        // Lines that could not be read stay in the box, to be fixed rather than typed again.
        paste.set(bad.join("\n"));
        unreadable.set(bad);
    };
    let taking_part = move || {
        my_email().is_some_and(|mine| {
            people
                .get()
                .iter()
                .any(|r| r.email.get().trim().eq_ignore_ascii_case(&mine))
        })
    };
    let add_me = move |_| {
        if let Some(me) = auth.user.get_untracked().and_then(Result::ok).flatten() {
            let row = person(ParticipantInput {
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
    let add_rule = move |_| {
        let make = || RuleRow {
            key: next_key(),
            giver: RwSignal::new(None),
            recipient: RwSignal::new(None),
            // One way unless the organizer says otherwise: "Ada will not draw Alan" leaves Alan
            // free to draw Ada.
            both_ways: RwSignal::new(false),
        };
        let row = match owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        rules.update(|r| r.push(row));
    };

    let count = move || people.get().len();

    view! {
        <form class="draw-form" on:submit=on_submit novalidate=true>
            <FormMessage message=form_message />

            <section class="panel panel--form" aria-labelledby="details-title">
                <h2 id="details-title">"Details"</h2>
                <TextField label="Name of the draw" id="draw-name" value=name maxlength=MAX_DRAW_NAME_CHARS
                    error=Signal::derive(move || error_at("name".into())) />
                <div class="field-row">
                    <TextField label="Budget (optional)" id="draw-budget" value=budget inputmode="decimal"
                        hint="Per gift, e.g. 25" error=Signal::derive(move || error_at("budget".into())) />
                    <div class="field">
                        <label for="draw-currency">"Currency"</label>
                        <select id="draw-currency" bind:value=currency
                            aria-invalid=move || error_at("currency".into()).map(|_| "true")>
                            {CURRENCIES.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                        </select>
                        <p class="field__error" aria-live="polite">{move || error_at("currency".into())}</p>
                    </div>
                    <TextField label="Exchange date (optional)" id="draw-date" value=exchange_date kind="date"
                        error=Signal::derive(move || error_at("exchange_date".into())) />
                </div>
                <div class="field" class:field--invalid=move || error_at("message".into()).is_some()>
                    <label for="draw-message">"Message to participants (optional)"</label>
                    <textarea id="draw-message" rows="3" maxlength=MAX_DRAW_MESSAGE_CHARS bind:value=message
                        aria-invalid=move || error_at("message".into()).map(|_| "true")
                        aria-describedby="draw-message-error"></textarea>
                    <p id="draw-message-error" class="field__error" aria-live="polite">{move || error_at("message".into())}</p>
                </div>
            </section>

            <section class="panel panel--form" aria-labelledby="people-title">
                <div class="section-head">
                    <h2 id="people-title">"People"</h2>
                    <p class="count" aria-live="polite">
                        {move || format!("{} of {MIN_PARTICIPANTS}–{MAX_PARTICIPANTS}", count())}
                    </p>
                </div>
                <p id="participants-error" class="field__error field__error--block" aria-live="polite">
                    {move || error_at("participants".into())}
                </p>
                <For each=move || people.get() key=|row| row.key let:row>
                    {
                        let index = move || people.with(|rows| rows.iter().position(|r| r.key == row.key).unwrap_or(0));
                        let err = move |f: &'static str| Signal::derive(move || error_at(participant_field(index(), f)));
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
                    <Show when=move || my_email().is_some() && !taking_part()>
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

            <section class="panel panel--form" aria-labelledby="rules-title">
                <h2 id="rules-title">"Who must not draw whom"</h2>
                <p class="field__hint">"For couples or housemates. A rule works one way — “Ada will not draw Alan” leaves Alan free to draw Ada — unless you tick “Both ways”."</p>
                <p class="field__error field__error--block" aria-live="polite">{move || error_at("exclusions".into())}</p>
                <For each=move || rules.get() key=|rule| rule.key let:rule>
                    {
                        let rule_error = move || {
                            let rule_index = rules.with(|r| r.iter().position(|x| x.key == rule.key));
                            let (_, rule_of) = current();
                            rule_of.iter().enumerate()
                                .filter(|(_, owner)| Some(**owner) == rule_index)
                                .find_map(|(i, _)| error_at(format!("exclusions.{i}")))
                        };
                        let options = move || people.get().into_iter().enumerate().map(|(i, r)| {
                            let label = match (r.name.get().trim(), r.surname.get().trim()) {
                                ("", _) => format!("Person {}", i + 1),
                                (n, "") => n.to_string(),
                                (n, s) => format!("{n} {s}"),
                            };
                            (r.key, label)
                        }).collect::<Vec<_>>();
                        let label_of = move |which: RwSignal<Option<usize>>| {
                            let key = which.get()?;
                            options().into_iter().find(|(k, _)| *k == key).map(|(_, label)| label)
                        };
                        let words = move || match (label_of(rule.giver), label_of(rule.recipient)) {
                            _ if rule.giver.get().is_some() && rule.giver.get() == rule.recipient.get() => {
                                "Choose two different people.".to_string()
                            }
                            (Some(g), Some(r)) if rule.both_ways.get() => {
                                format!("{g} will not draw {r}, and {r} will not draw {g}.")
                            }
                            (Some(g), Some(r)) => format!("{g} will not draw {r}. {r} may still draw {g}."),
                            _ => "Choose who must not draw whom.".to_string(),
                        };
                        let select = move |label: &'static str, which: RwSignal<Option<usize>>| {
                            let id = format!("rule-{}-{}", rule.key, label.to_lowercase().replace(' ', "-"));
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{label}</label>
                                    <select id=id
                                        aria-invalid=move || rule_error().map(|_| "true")
                                        aria-describedby=format!("rule-{}-error", rule.key)
                                        on:change=move |ev| which.set(event_target_value(&ev).parse().ok())
                                        prop:value=move || which.get().map(|k| k.to_string()).unwrap_or_default()>
                                        <option value="">"Choose…"</option>
                                        {move || options().into_iter().map(|(key, label)| view! {
                                            <option value=key.to_string() selected=move || which.get() == Some(key)>{label}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                            }
                        };
                        view! {
                            <fieldset class="rule">
                                <legend class="visually-hidden">"Exclusion"</legend>
                                <div class="field-row">
                                    {select("Giver", rule.giver)}
                                    {select("Must not give to", rule.recipient)}
                                </div>
                                <label class="checkbox">
                                    <input type="checkbox" bind:checked=rule.both_ways />
                                    "Both ways: they will not draw each other"
                                </label>
                                <p class="rule__words" aria-live="polite">{words}</p>
                                <p id=format!("rule-{}-error", rule.key) class="field__error" aria-live="polite">{rule_error}</p>
                                <button type="button" class="button button--small button--quiet"
                                    on:click=move |_| rules.update(|r| r.retain(|x| x.key != rule.key))>
                                    "Remove this rule"
                                </button>
                            </fieldset>
                        }
                    }
                </For>
                <button type="button" class="button button--secondary" on:click=add_rule>"Add a rule"</button>
            </section>

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
