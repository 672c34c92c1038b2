//! Who must not draw whom: a rule a row, in words as well as in two menus.

use leptos::prelude::*;

use super::state::EditorState;

#[component]
pub(super) fn RulesPanel(state: EditorState) -> impl IntoView {
    let (people, rules) = (state.people, state.rules);
    let add_rule = move |_| {
        let row = state.rule(None, None);
        rules.update(|r| r.push(row));
    };
    view! {
        <section class="panel panel--form" aria-labelledby="rules-title">
            <h2 id="rules-title">"Who must not draw whom"</h2>
            <p class="field__hint">"For couples or housemates. A rule works one way — “Ada will not draw Alan” leaves Alan free to draw Ada — unless you tick “Both ways”."</p>
            <p class="field__error field__error--block" aria-live="polite">{move || state.error_at("exclusions")}</p>
            <For each=move || rules.get() key=|rule| rule.key let:rule>
                {
                    let rule_error = move || {
                        let rule_index = rules.with(|r| r.iter().position(|x| x.key == rule.key));
                        let (_, rule_of) = state.current();
                        rule_of.iter().enumerate()
                            .filter(|(_, owner)| Some(**owner) == rule_index)
                            .find_map(|(i, _)| state.error_at(&format!("exclusions.{i}")))
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
    }
}
