//! The draw editor's state: the form's signals, its rows of people and rules, what it would save,
//! and the field errors from the browser's own check and from the server.

use leptos::prelude::*;

use crate::api::auth::UserView;
use crate::api::draws::SaveDraw;
use crate::domain::draw::{DrawInput, ExclusionInput, ParticipantInput};
use crate::domain::limits::MIN_PARTICIPANTS;
use crate::error::{AppError, FieldError};
use crate::ui::islands::call_server;

#[derive(Clone, Copy)]
pub(super) struct PersonRow {
    pub key: usize,
    pub name: RwSignal<String>,
    pub surname: RwSignal<String>,
    pub email: RwSignal<String>,
    pub prefs: RwSignal<String>,
}

impl PersonRow {
    /// Nothing typed in it yet.
    pub fn is_blank(&self) -> bool {
        [self.name, self.surname, self.email, self.prefs]
            .iter()
            .all(|f| f.get_untracked().trim().is_empty())
    }
}

#[derive(Clone, Copy)]
pub(super) struct RuleRow {
    pub key: usize,
    /// Person keys.
    pub giver: RwSignal<Option<usize>>,
    pub recipient: RwSignal<Option<usize>>,
    pub both_ways: RwSignal<bool>,
}

/// Everything the editor's panels share. Copy: each field is a handle to a signal.
#[derive(Clone, Copy)]
pub(super) struct EditorState {
    /// The organizer (they may take part too).
    pub me: StoredValue<UserView>,
    keys: StoredValue<usize>,
    owner: StoredValue<Option<Owner>>,
    pub people: RwSignal<Vec<PersonRow>>,
    pub rules: RwSignal<Vec<RuleRow>>,
    pub name: RwSignal<String>,
    pub budget: RwSignal<String>,
    pub currency: RwSignal<String>,
    pub exchange_date: RwSignal<String>,
    pub message: RwSignal<String>,
    /// The organizer has tried to save once: from then on the rules run as they type.
    pub submitted: RwSignal<bool>,
    pub save: Action<SaveDraw, Result<String, AppError>>,
    client_errors: Memo<Vec<FieldError>>,
}

impl EditorState {
    pub fn new(initial: DrawInput, me: UserView) -> Self {
        let submitted = RwSignal::new(false);
        let mut state = EditorState {
            me: StoredValue::new(me),
            keys: StoredValue::new(0),
            owner: StoredValue::new(Owner::current()),
            people: RwSignal::new(Vec::new()),
            rules: RwSignal::new(Vec::new()),
            name: RwSignal::new(initial.name),
            budget: RwSignal::new(initial.budget),
            currency: RwSignal::new(if initial.currency.is_empty() {
                "EUR".to_string()
            } else {
                initial.currency
            }),
            exchange_date: RwSignal::new(initial.exchange_date),
            message: RwSignal::new(initial.message),
            submitted,
            save: Action::new_local(|input: &SaveDraw| {
                let input = input.clone();
                async move { call_server("/api/save_draw", &input).await }
            }),
            client_errors: Memo::new(|_| Vec::new()),
        };
        state.client_errors = Memo::new(move |_| {
            if submitted.get() {
                let (input, _) = state.current();
                input
                    .validate_for(state.my_email().as_deref())
                    .err()
                    .unwrap_or_default()
            } else {
                Vec::new()
            }
        });
        let mut rows: Vec<PersonRow> = initial
            .participants
            .into_iter()
            .map(|p| state.person(p))
            .collect();
        while rows.len() < MIN_PARTICIPANTS {
            rows.push(state.person(ParticipantInput::default()));
        }
        let rules: Vec<RuleRow> = initial
            .exclusions
            .iter()
            .filter_map(|e| {
                let (giver, recipient) = (rows.get(e.giver)?.key, rows.get(e.recipient)?.key);
                Some(state.rule(Some(giver), Some(recipient)))
            })
            .collect();
        state.people.set(rows);
        state.rules.set(rules);
        state
    }

    fn next_key(&self) -> usize {
        let key = self.keys.get_value();
        self.keys.set_value(key + 1);
        key
    }

    /// Runs `make` under the editor's owner. Rows made in a click handler belong to the editor,
    /// not to whatever owner the handler runs under: "I'm taking part too" sits in a <Show> that
    /// hides it once the organizer is listed, and that disposed the new row's signals with the
    /// button — every later read of the row panicked ("already disposed") and the form went dead.
    fn in_editor<T>(&self, make: impl FnOnce() -> T) -> T {
        match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        }
    }

    /// A row for a person.
    pub fn person(&self, p: ParticipantInput) -> PersonRow {
        let key = self.next_key();
        self.in_editor(|| PersonRow {
            key,
            name: RwSignal::new(p.name),
            surname: RwSignal::new(p.surname),
            email: RwSignal::new(p.email),
            prefs: RwSignal::new(p.gift_preferences),
        })
    }

    /// A rule row: `giver` must not draw `recipient` (person keys; None: not chosen yet). One way
    /// unless the organizer ticks "Both ways": "Ada will not draw Alan" leaves Alan free to draw
    /// Ada.
    pub fn rule(&self, giver: Option<usize>, recipient: Option<usize>) -> RuleRow {
        let key = self.next_key();
        self.in_editor(|| RuleRow {
            key,
            giver: RwSignal::new(giver),
            recipient: RwSignal::new(recipient),
            both_ways: RwSignal::new(false),
        })
    }

    /// The logged-in organizer's email.
    pub fn my_email(&self) -> Option<String> {
        Some(self.me.with_value(|me| me.email.clone())).filter(|e| !e.is_empty())
    }

    /// The form's current content, and for each exclusion the rule row it came from.
    pub fn current(&self) -> (DrawInput, Vec<usize>) {
        let rows = self.people.get();
        let position = |key: Option<usize>| key.and_then(|k| rows.iter().position(|r| r.key == k));
        let pick = |p: Option<usize>| p.unwrap_or(usize::MAX);
        let mut exclusions = Vec::new();
        let mut rule_of = Vec::new();
        for (i, rule) in self.rules.get().iter().enumerate() {
            let (g, r) = (position(rule.giver.get()), position(rule.recipient.get()));
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
            name: self.name.get(),
            budget: self.budget.get(),
            currency: self.currency.get(),
            exchange_date: self.exchange_date.get(),
            message: self.message.get(),
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
    }

    fn server_errors(&self) -> Vec<FieldError> {
        match self.save.value().get() {
            Some(Err(AppError::Validation(errors))) => errors,
            _ => Vec::new(),
        }
    }

    /// The message of `field`: the browser's check first, then the server's answer.
    pub fn error_at(&self, field: &str) -> Option<String> {
        self.client_errors
            .get()
            .into_iter()
            .chain(self.server_errors())
            .find(|e| e.field == field)
            .map(|e| e.message)
    }

    /// `error_at` as a signal, for a field component.
    pub fn error_signal(self, field: impl Into<String>) -> Signal<Option<String>> {
        let field = field.into();
        Signal::derive(move || self.error_at(&field))
    }

    /// What the form says above everything: the server's refusal of the whole draw, or where to
    /// look.
    pub fn form_message(&self) -> Option<String> {
        match self.save.value().get() {
            Some(Err(AppError::Validation(errors))) if errors.iter().any(|e| e.field == "draw") => {
                errors
                    .into_iter()
                    .find(|e| e.field == "draw")
                    .map(|e| e.message)
            }
            Some(Err(AppError::Validation(_))) | None | Some(Ok(_)) => {
                let errors = self.client_errors.get();
                // Say where to look when the only problem is in the rules, far down the form.
                if !errors.is_empty() && errors.iter().all(|e| e.field.starts_with("exclusions")) {
                    Some("Please check the rules about who must not draw whom, below.".to_string())
                } else {
                    (!errors.is_empty())
                        .then(|| "Please correct the highlighted fields.".to_string())
                }
            }
            Some(Err(other)) => Some(other.to_string()),
        }
    }
}
