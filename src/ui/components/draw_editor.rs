//! The organizer's form for a draw: details, people, and who must not give to whom.
//!
//! The server renders the whole form, with the draw's rows filled in and a `<template>` for a new
//! person and a new rule; the few lines of script next to it (`draw_editor.js`) add and remove
//! rows, count, read a pasted list, put the rules into words, and save with `fetch`. The rules
//! themselves are checked on the server only (`check_draw`, live once the organizer first tries
//! to save, and `save_draw`): one place decides, in Rust, with no wasm in the browser. Every text
//! the script shows comes from here (`data-texts`).

use leptos::prelude::*;

use crate::api::auth::UserView;
use crate::domain::draw::{DrawInput, ExclusionInput, ParticipantInput};
use crate::domain::limits::{
    MAX_DRAW_MESSAGE_CHARS, MAX_DRAW_NAME_CHARS, MAX_GIFT_PREFERENCES_CHARS, MAX_PARTICIPANTS,
    MAX_PERSON_NAME_CHARS, MIN_PARTICIPANTS,
};
pub use crate::domain::money::CURRENCIES;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::tr;
use crate::ui::pages::textarea_text;
use crate::ui::use_lang;

/// The script that brings the form to life.
const SCRIPT: &str = include_str!("draw_editor.js");

/// The key a template's row carries until the script gives it one.
const NEW_KEY: &str = "__KEY__";

/// The draw editor: `id` is the draw being changed (None: a new one) and `version` what it held
/// when the page was made (a save over a newer one is refused), `me` the organizer, for "I'm
/// taking part too".
#[component]
pub fn DrawEditor(
    id: Option<String>,
    #[prop(optional)] version: Option<String>,
    initial: DrawInput,
    me: UserView,
) -> impl IntoView {
    let lang = use_lang();
    let editing = id.is_some();
    let cancel = id
        .as_ref()
        .map_or("/draws".to_string(), |id| format!("/draws/{id}"));
    let mut people = initial.participants;
    while people.len() < MIN_PARTICIPANTS {
        people.push(ParticipantInput::default());
    }
    // Rows are keyed by their place when the page is made; the script numbers new ones on.
    let labels: Vec<(String, String)> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (i.to_string(), person_label(lang, i, p)))
        .collect();
    let rules = rule_rows(&initial.exclusions, people.len())
        .into_iter()
        .enumerate()
        .map(|(i, (giver, recipient, both))| {
            view! { <RuleFields key=i.to_string() giver=giver.to_string() recipient=recipient.to_string() both people=labels.clone() /> }
        })
        .collect_view();
    let people_count = tr!(
        lang,
        "editor-count",
        n = people.len(),
        min = MIN_PARTICIPANTS.to_string(),
        max = MAX_PARTICIPANTS.to_string()
    );
    let rows = people
        .into_iter()
        .enumerate()
        .map(|(i, p)| view! { <PersonFields key=i.to_string() number=i + 1 person=p /> })
        .collect_view();
    let currency = if initial.currency.is_empty() {
        // A new draw's money is its organizer's: złoty in Polish, euro otherwise.
        match lang {
            Lang::Pl => "PLN".to_string(),
            Lang::En => "EUR".to_string(),
        }
    } else {
        initial.currency
    };
    let taking_part = !me.email.is_empty();
    // A new draw speaks its organizer's language until they choose another.
    let draw_language = match Lang::from_code(&initial.language) {
        Some(l) => l.code(),
        None => lang.code(),
    };
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    view! {
        // Inert until the script runs: without it nothing here would work.
        <form class="draw-form" id="draw-editor" novalidate=true inert=true
            data-id=id.unwrap_or_default() data-version=version.unwrap_or_default() data-texts=texts(lang, editing)>
            <p id="draw-form-message" class="form-message" role="alert" tabindex="-1" hidden=true></p>
            <p id="editor-said" class="visually-hidden" aria-live="polite"></p>
            <section class="panel panel--form" aria-labelledby="details-title">
                <h2 id="details-title">{tr!(lang, "editor-details")}</h2>
                <TextField label=tr!(lang, "field-draw-name") id="draw-name" value=initial.name maxlength=MAX_DRAW_NAME_CHARS />
                <div class="field-row">
                    <TextField label=tr!(lang, "field-budget") id="draw-budget" value=crate::i18n::amount_for_editing(lang, &initial.budget) inputmode="decimal"
                        hint=tr!(lang, "field-budget-hint") />
                    <div class="field">
                        <label for="draw-currency">{tr!(lang, "field-currency")}</label>
                        <select id="draw-currency" aria-describedby="draw-currency-error">
                            {CURRENCIES.iter().map(|c| view! { <option value=*c selected=*c == currency>{*c}</option> }).collect_view()}
                        </select>
                        <p id="draw-currency-error" class="field__error" aria-live="polite"></p>
                    </div>
                    <TextField label=tr!(lang, "field-exchange-date") id="draw-date" value=initial.exchange_date kind="date" />
                </div>
                <div class="field">
                    <label for="draw-language">{tr!(lang, "editor-language")}</label>
                    <p id="draw-language-hint" class="field__hint">{tr!(lang, "editor-language-hint")}</p>
                    <select id="draw-language" aria-describedby="draw-language-hint draw-language-error">
                        {Lang::ALL.into_iter().map(|l| view! {
                            <option value=l.code() lang=l.code() selected=l.code() == draw_language>{l.name()}</option>
                        }).collect_view()}
                    </select>
                    <p id="draw-language-error" class="field__error" aria-live="polite"></p>
                </div>
                <div class="field">
                    <label for="draw-message">{tr!(lang, "field-message")}</label>
                    // The script keeps the limit, counting as the server does (the browser's own
                    // maxlength would count an emoji twice).
                    <textarea id="draw-message" rows="3" data-counter="draw-message-count" data-max=MAX_DRAW_MESSAGE_CHARS
                        data-too-long=tr!(lang, "validation-message-too-long", max = MAX_DRAW_MESSAGE_CHARS, count = "{n}")
                        aria-describedby="draw-message-count draw-message-error">{textarea_text(initial.message.clone())}</textarea>
                    <p id="draw-message-count" class="counter">{format!("{} / {MAX_DRAW_MESSAGE_CHARS}", crate::domain::text::counted_chars(&initial.message))}</p>
                    <p id="draw-message-error" class="field__error" aria-live="polite"></p>
                </div>
            </section>
            <section class="panel panel--form" aria-labelledby="people-title">
                <div class="section-head">
                    <h2 id="people-title">{tr!(lang, "editor-people")}</h2>
                    <p id="people-count" class="count" aria-live="polite">{people_count}</p>
                </div>
                <p id="participants-error" class="field__error field__error--block" aria-live="polite" tabindex="-1"></p>
                <div id="people">{rows}</div>
                <template id="person-template">
                    <PersonFields key=NEW_KEY.to_string() number=0 person=ParticipantInput::default() />
                </template>
                <div class="actions">
                    <button type="button" class="button button--secondary" id="add-person">{tr!(lang, "editor-add-person")}</button>
                    {taking_part.then(|| view! {
                        <button type="button" class="button button--secondary" id="add-me" hidden=true
                            data-name=me.first_name data-surname=me.surname data-email=me.email>
                            {tr!(lang, "editor-add-me")}
                        </button>
                    })}
                </div>
                <details class="paste">
                    <summary>{tr!(lang, "editor-paste")}</summary>
                    <div class="field">
                        <label for="paste-list">{tr!(lang, "editor-paste-label")}</label>
                        <textarea id="paste-list" rows="4"></textarea>
                    </div>
                    <button type="button" class="button button--secondary" id="add-pasted">{tr!(lang, "editor-paste-add")}</button>
                    <p id="paste-unreadable" class="field__error" role="status" hidden=true></p>
                </details>
            </section>
            <section class="panel panel--form" aria-labelledby="rules-title">
                <h2 id="rules-title">{tr!(lang, "draw-rules-title")}</h2>
                <p class="field__hint">{tr!(lang, "editor-rules-hint")}</p>
                <p id="exclusions-error" class="field__error field__error--block" aria-live="polite" tabindex="-1"></p>
                <div id="rules">{rules}</div>
                <template id="rule-template">
                    <RuleFields key=NEW_KEY.to_string() giver=String::new() recipient=String::new() both=false people=Vec::new() />
                </template>
                <button type="button" class="button button--secondary" id="add-rule">{tr!(lang, "editor-add-rule")}</button>
            </section>
            <div class="actions">
                <button type="submit" class="button">{if editing { tr!(lang, "editor-save") } else { tr!(lang, "editor-create") }}</button>
                <a class="button button--quiet" href=cancel>{tr!(lang, "details-cancel")}</a>
            </div>
        </form>
        <script type="module" nonce=nonce>{SCRIPT}</script>
    }
}

/// A person's name as the rules' menus show it.
fn person_label(lang: Lang, index: usize, p: &ParticipantInput) -> String {
    match (p.name.trim(), p.surname.trim()) {
        ("", _) => tr!(lang, "editor-person", n = index + 1),
        (n, "") => n.to_string(),
        (n, s) => format!("{n} {s}"),
    }
}

/// The rule rows a draw's exclusions make: (giver, recipient, both ways). A pair excluded both
/// ways is one row with "Both ways" ticked, as it was made; rules naming nobody in the draw are
/// left out.
fn rule_rows(exclusions: &[ExclusionInput], people: usize) -> Vec<(usize, usize, bool)> {
    let pairs: Vec<(usize, usize)> = exclusions
        .iter()
        .map(|e| (e.giver, e.recipient))
        .filter(|&(g, r)| g < people && r < people)
        .collect();
    let mut rows: Vec<(usize, usize, bool)> = Vec::new();
    for &(g, r) in &pairs {
        if rows
            .iter()
            .any(|&(rg, rr, _)| (rg, rr) == (r, g) || (rg, rr) == (g, r))
        {
            continue;
        }
        rows.push((g, r, pairs.contains(&(r, g))));
    }
    rows
}

/// What the script says, as JSON: `{n}`, `{g}`, `{r}` and `{lines}` are filled in there.
fn texts(lang: Lang, editing: bool) -> String {
    let error = |e: AppError| e.text(lang);
    // Placeholders the script fills in itself ({n}, {g}, {r}, {who}, {lines}).
    let keep = |name: &str| format!("{{{name}}}");
    let added = [1, 2, 5].map(|n: usize| {
        (
            n,
            tr!(lang, "editor-added", count = n).replacen(&n.to_string(), "{n}", 1),
        )
    });
    serde_json::json!({
        "save": if editing { tr!(lang, "editor-save") } else { tr!(lang, "editor-create") },
        "saving": tr!(lang, "editor-saving"),
        "saved": if editing { "saved" } else { "created" },
        "person": tr!(lang, "editor-person", n = keep("n")),
        "remove": tr!(lang, "editor-remove-person", n = keep("n")),
        "count": tr!(lang, "editor-count", n = keep("n"), min = MIN_PARTICIPANTS.to_string(), max = MAX_PARTICIPANTS.to_string()),
        "max": MAX_GIFT_PREFERENCES_CHARS,
        "tooLong": tr!(lang, "validation-wishes-too-long", max = MAX_GIFT_PREFERENCES_CHARS, count = keep("n")),
        "unreadable": tr!(lang, "editor-unreadable", lines = keep("lines")),
        // The plural forms differ by language (1 osobę, 2 osoby, 5 osób, 22 osoby): the text for
        // 1, 2 and 5, each with its number as {n}; the script picks the one whose plural
        // category (`Intl.PluralRules`) is the count's, for any count a pasted list can have.
        "added": added,
        "removed": tr!(lang, "editor-removed", who = keep("who")),
        "removedWithRules": tr!(lang, "editor-removed-with-rules", who = keep("who")),
        "choose": tr!(lang, "editor-choose"),
        "different": tr!(lang, "editor-different"),
        "oneWay": tr!(lang, "editor-one-way", g = keep("g"), r = keep("r")),
        "bothWays": tr!(lang, "editor-both-ways", g = keep("g"), r = keep("r")),
        "fix": error(AppError::Validation(Vec::new())),
        "rulesBelow": tr!(lang, "editor-rules-below"),
        "peopleBelow": tr!(lang, "editor-people-below"),
        "status": {
            "400": error(AppError::BadRequest),
            "401": error(AppError::Unauthorized),
            "404": error(AppError::NotFound),
            "413": error(AppError::TooLarge),
            "503": error(AppError::Unavailable),
        },
        "network": error(AppError::Network),
        "failed": error(AppError::Internal),
    })
    .to_string()
}

/// One person's row. `key` ties its fields' ids together (and the rules' menus to it).
#[component]
fn PersonFields(key: String, number: usize, person: ParticipantInput) -> impl IntoView {
    let lang = use_lang();
    let id = |f: &str| format!("p-{key}-{f}");
    let count = crate::domain::text::counted_chars(&person.gift_preferences);
    view! {
        <fieldset class="person" data-person=key.clone()>
            <legend>{tr!(lang, "editor-person", n = number)}</legend>
            <div class="field-row">
                <TextField label=tr!(lang, "field-first-name") id=id("name") value=person.name maxlength=MAX_PERSON_NAME_CHARS />
                <TextField label=tr!(lang, "field-surname") id=id("surname") value=person.surname maxlength=MAX_PERSON_NAME_CHARS />
                <TextField label=tr!(lang, "field-email") id=id("email") value=person.email kind="email" />
            </div>
            <div class="field">
                <label for=id("prefs")>{tr!(lang, "editor-gift-preferences")}</label>
                <textarea id=id("prefs") rows="2" data-counter=id("prefs-count")
                    aria-describedby=format!("{} {}", id("prefs-count"), id("prefs-error"))>{textarea_text(person.gift_preferences)}</textarea>
                <p id=id("prefs-count") class="counter">{format!("{count} / {MAX_GIFT_PREFERENCES_CHARS}")}</p>
                <p id=id("prefs-error") class="field__error" aria-live="polite"></p>
            </div>
            <button type="button" class="button button--small button--quiet" data-remove-person=key.clone()>
                {tr!(lang, "editor-remove-person", n = number)}
            </button>
        </fieldset>
    }
}

/// One rule's row: `giver` must not draw `recipient` (person keys, empty: not chosen yet), and
/// the other way too when `both`.
/// `people` are the menus' choices (key, label); the script keeps them in step with the rows.
#[component]
fn RuleFields(
    key: String,
    giver: String,
    recipient: String,
    both: bool,
    people: Vec<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let select = |label: &'static str, suffix: &str, chosen: String| {
        let id = format!("rule-{key}-{suffix}");
        let options = people
            .iter()
            .map(|(k, name)| {
                view! { <option value=k.clone() selected=*k == chosen>{name.clone()}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id aria-describedby=format!("rule-{key}-words rule-{key}-error") data-side=suffix.to_string()>
                    <option value="">{tr!(lang, "editor-choose-option")}</option>
                    {options}
                </select>
            </div>
        }
    };
    view! {
        <fieldset class="rule" data-rule=key.clone()>
            <legend class="visually-hidden">{tr!(lang, "editor-exclusion")}</legend>
            <div class="field-row">
                {select(tr!(lang, "editor-giver"), "giver", giver)}
                {select(tr!(lang, "editor-must-not"), "must-not-give-to", recipient)}
            </div>
            <label class="checkbox">
                <input type="checkbox" id=format!("rule-{key}-both") checked=both />
                {tr!(lang, "editor-both")}
            </label>
            // Read with the menus (not a live region: it changes as names are typed).
            <p id=format!("rule-{key}-words") class="rule__words"></p>
            <p id=format!("rule-{key}-error") class="field__error" aria-live="polite"></p>
            <button type="button" class="button button--small button--quiet" data-remove-rule=key.clone()>
                {tr!(lang, "editor-remove-rule")}
            </button>
        </fieldset>
    }
}

/// A labelled text input with its error below (the script marks it).
#[component]
fn TextField(
    label: &'static str,
    #[prop(into)] id: String,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p id=hint_id class="field__hint">{h}</p> })}
            <input id=id type=kind autocomplete="off" inputmode=inputmode maxlength=maxlength value=value
                aria-describedby=described_by />
            <p id=error_id class="field__error" aria-live="polite"></p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(pairs: &[(usize, usize)]) -> Vec<ExclusionInput> {
        pairs
            .iter()
            .map(|&(giver, recipient)| ExclusionInput { giver, recipient })
            .collect()
    }

    #[test]
    fn a_pair_ruled_out_both_ways_comes_back_as_one_rule_with_both_ways_ticked() {
        let stored = rules(&[(0, 1), (2, 3), (1, 0), (3, 4)]);
        assert_eq!(
            rule_rows(&stored, 5),
            [(0, 1, true), (2, 3, false), (3, 4, false)]
        );
    }

    #[test]
    fn a_rule_naming_someone_not_in_the_draw_is_left_out() {
        assert_eq!(rule_rows(&rules(&[(0, 7), (1, 2)]), 3), [(1, 2, false)]);
    }
}
