//! A draw as the organizer writes it, and every rule it must meet before it is saved. The form
//! runs these checks live in the browser; the server runs them again before saving.

use serde::{Deserialize, Serialize};

use super::date::{parse_date, BadDate};
use super::limits::{
    MAX_DRAW_MESSAGE_CHARS, MAX_DRAW_NAME_CHARS, MAX_PARTICIPANTS, MAX_PERSON_NAME_CHARS,
    MIN_PARTICIPANTS,
};
use super::matching::{
    explain, explain_forced, explain_insider, find_blockers, forced_pairs, insider_forced_givers,
};
use super::money::{parse_amount, CURRENCIES};
use super::{Email, GiftPreferences};
use crate::error::FieldError;
use crate::i18n::current;
use crate::tr;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantInput {
    pub name: String,
    pub surname: String,
    pub email: String,
    pub gift_preferences: String,
}

/// "giver must not give to recipient", by position in the participant list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionInput {
    pub giver: usize,
    pub recipient: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawInput {
    pub name: String,
    /// Amount as typed, e.g. "25" or "25.50"; empty for no budget.
    pub budget: String,
    /// ISO 4217 code, e.g. "EUR"; used only with a budget.
    pub currency: String,
    /// YYYY-MM-DD or empty.
    pub exchange_date: String,
    pub message: String,
    pub participants: Vec<ParticipantInput>,
    pub exclusions: Vec<ExclusionInput>,
    /// The language of the draw's mail to people who have not chosen one ("en", "pl"); empty:
    /// the language of the request that saves it (the organizer's).
    #[serde(default)]
    pub language: String,
}

/// A draw that meets every rule, normalized for saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDraw {
    pub name: String,
    /// (amount in minor units, currency)
    pub budget: Option<(i64, String)>,
    pub exchange_date: Option<String>,
    pub message: Option<String>,
    /// A language code the app speaks.
    pub language: String,
    pub participants: Vec<ValidParticipant>,
    /// Distinct pairs of participant positions.
    pub exclusions: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidParticipant {
    pub name: String,
    pub surname: String,
    pub email: Email,
    pub gift_preferences: GiftPreferences,
}

/// The form field names errors are reported at.
pub fn participant_field(index: usize, field: &str) -> String {
    format!("participants.{index}.{field}")
}

/// `blank` is the message for an empty field ("Enter a first name.").
fn required_text(
    raw: &str,
    max: usize,
    field: &str,
    blank: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let text = raw.trim();
    // A name that shows nothing (zero-width characters, the braille blank, a lone accent) is
    // treated as blank; `single_line_ok` then refuses what only disguises a name.
    if super::text::looks_blank(text) {
        errors.push(FieldError::new(field, blank));
    } else if !super::text::single_line_ok(text) {
        errors.push(FieldError::new(
            field,
            super::text::control_character_message(),
        ));
    } else if text.chars().count() > max {
        errors.push(FieldError::new(
            field,
            tr!(current(), "validation-at-most-chars", max = max),
        ));
    }
    text.to_string()
}

/// An account holder's first name and surname (fields `first_name` and `surname`), trimmed, with
/// the same rules as a person's name in a draw.
pub fn account_name(first: &str, surname: &str, errors: &mut Vec<FieldError>) -> (String, String) {
    (
        required_text(
            first,
            MAX_PERSON_NAME_CHARS,
            "first_name",
            tr!(current(), "validation-enter-your-first-name"),
            errors,
        ),
        required_text(
            surname,
            MAX_PERSON_NAME_CHARS,
            "surname",
            tr!(current(), "validation-enter-your-surname"),
            errors,
        ),
    )
}

/// A draw's details without its people: what stays editable after the draw has run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDetails {
    pub name: String,
    pub budget: Option<(i64, String)>,
    pub exchange_date: Option<String>,
    pub message: Option<String>,
}

/// One person, checked at the fields `field(name)`, `field(surname)`, `field(email)` and
/// `field(gift_preferences)`. Every refusal goes to `errors`; the person comes back whenever their
/// email and wishes could be read (so a list can still find a repeated email), which does not
/// make them valid: `errors` decides.
pub fn valid_person(
    p: &ParticipantInput,
    field: impl Fn(&str) -> String,
    errors: &mut Vec<FieldError>,
) -> Option<ValidParticipant> {
    let name = required_text(
        &p.name,
        MAX_PERSON_NAME_CHARS,
        &field("name"),
        tr!(current(), "validation-enter-first-name"),
        errors,
    );
    let surname = required_text(
        &p.surname,
        MAX_PERSON_NAME_CHARS,
        &field("surname"),
        tr!(current(), "validation-enter-surname"),
        errors,
    );
    let email = Email::parse(&p.email)
        .map_err(|e| errors.push(FieldError::new(&field("email"), e)))
        .ok();
    let gift_preferences = GiftPreferences::parse(&p.gift_preferences)
        .map_err(|e| errors.push(FieldError::new(&field("gift_preferences"), e)))
        .ok();
    Some(ValidParticipant {
        name,
        surname,
        email: email?,
        gift_preferences: gift_preferences?,
    })
}

impl DrawInput {
    /// The details alone (name, budget, date, message), as after the draw has run.
    pub fn validate_details(&self) -> Result<ValidDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let details = self.valid_details(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(details)
    }

    /// Name, budget, date and message, each checked at its own field.
    fn valid_details(&self, errors: &mut Vec<FieldError>) -> ValidDetails {
        ValidDetails {
            name: required_text(
                &self.name,
                MAX_DRAW_NAME_CHARS,
                "name",
                tr!(current(), "validation-enter-draw-name"),
                errors,
            ),
            budget: self.valid_budget(errors),
            exchange_date: self.valid_date(errors),
            message: self.valid_message(errors),
        }
    }

    /// Every rule at once; errors name the field they concern.
    pub fn validate(&self) -> Result<ValidDraw, Vec<FieldError>> {
        self.validate_for(None)
    }

    /// [`Self::validate`] for the organizer whose account email is `organizer`: when they take part
    /// (a row with their email), rules that would let them work out another pair from their own
    /// match are refused too.
    pub fn validate_for(&self, organizer: Option<&str>) -> Result<ValidDraw, Vec<FieldError>> {
        let mut errors = Vec::new();
        let ValidDetails {
            name,
            budget,
            exchange_date,
            message,
        } = self.valid_details(&mut errors);
        let language = match self.language.trim() {
            "" => current().code().to_string(),
            code => match crate::i18n::Lang::from_code(code) {
                Some(lang) if lang.code() == code => code.to_string(),
                _ => {
                    errors.push(FieldError::new(
                        "language",
                        tr!(current(), "validation-language"),
                    ));
                    String::new()
                }
            },
        };
        let participants = self.valid_participants(&mut errors);
        let exclusions = self.valid_exclusions(&mut errors);
        if errors.is_empty() {
            if let Err(refusal) = rules_allow_a_secret_draw(&participants, &exclusions, organizer) {
                errors.push(FieldError::new("exclusions", refusal));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidDraw {
            name,
            budget,
            exchange_date,
            message,
            language,
            participants,
            exclusions,
        })
    }

    /// An amount in minor units and its currency, when a budget is given.
    fn valid_budget(&self, errors: &mut Vec<FieldError>) -> Option<(i64, String)> {
        if self.budget.trim().is_empty() {
            return None;
        }
        let amount = parse_amount(&self.budget);
        match amount {
            None => errors.push(FieldError::new(
                "budget",
                tr!(current(), "validation-budget-amount"),
            )),
            // (It showed as a budget of "€0.00".)
            Some(0) => errors.push(FieldError::new(
                "budget",
                tr!(current(), "validation-budget-zero"),
            )),
            Some(_) => {}
        }
        let amount = amount.filter(|a| *a > 0);
        let currency = self.currency.trim().to_uppercase();
        // One of the editor's menu: anything else would come back from the edit page as EUR.
        let currency_ok = CURRENCIES.contains(&currency.as_str());
        if !currency_ok {
            errors.push(FieldError::new(
                "currency",
                tr!(current(), "validation-currency"),
            ));
        }
        amount.filter(|_| currency_ok).map(|a| (a, currency))
    }

    fn valid_date(&self, errors: &mut Vec<FieldError>) -> Option<String> {
        if self.exchange_date.trim().is_empty() {
            return None;
        }
        match parse_date(&self.exchange_date) {
            Ok(date) => Some(date),
            Err(why) => {
                let message = match why {
                    BadDate::NotADate => tr!(current(), "validation-date"),
                    BadDate::TooEarly => tr!(current(), "validation-date-too-early"),
                };
                errors.push(FieldError::new("exchange_date", message));
                None
            }
        }
    }

    fn valid_message(&self, errors: &mut Vec<FieldError>) -> Option<String> {
        let message = super::text::multi_line_text(&self.message);
        if !super::text::multi_line_ok(&message) {
            errors.push(FieldError::new(
                "message",
                super::text::control_character_message(),
            ));
        } else if message.chars().count() > MAX_DRAW_MESSAGE_CHARS {
            // As the page's counter says it, with the count.
            errors.push(FieldError::new(
                "message",
                tr!(
                    current(),
                    "validation-message-too-long",
                    max = MAX_DRAW_MESSAGE_CHARS,
                    count = message.chars().count()
                ),
            ));
        }
        (!message.is_empty()).then_some(message)
    }

    /// The people, each checked at their own fields, and how many there are.
    fn valid_participants(&self, errors: &mut Vec<FieldError>) -> Vec<ValidParticipant> {
        let count = self.participants.len();
        if count < MIN_PARTICIPANTS {
            errors.push(FieldError::new(
                "participants",
                tr!(
                    current(),
                    "validation-too-few-people",
                    min = MIN_PARTICIPANTS,
                    missing = MIN_PARTICIPANTS - count
                ),
            ));
        } else if count > MAX_PARTICIPANTS {
            errors.push(FieldError::new(
                "participants",
                tr!(
                    current(),
                    "validation-too-many-people",
                    max = MAX_PARTICIPANTS,
                    extra = count - MAX_PARTICIPANTS
                ),
            ));
        }
        let mut participants = Vec::with_capacity(count);
        let mut seen_emails: Vec<Email> = Vec::new();
        for (i, p) in self.participants.iter().enumerate() {
            let field = |f: &str| participant_field(i, f);
            let Some(person) = valid_person(p, field, errors) else {
                continue;
            };
            if seen_emails.contains(&person.email) {
                errors.push(FieldError::new(
                    &field("email"),
                    tr!(current(), "validation-email-in-draw-twice"),
                ));
            } else {
                seen_emails.push(person.email.clone());
            }
            participants.push(person);
        }
        participants
    }

    /// The rules as (giver, recipient) positions, each once.
    fn valid_exclusions(&self, errors: &mut Vec<FieldError>) -> Vec<(usize, usize)> {
        let count = self.participants.len();
        let mut exclusions: Vec<(usize, usize)> = Vec::new();
        for (i, e) in self.exclusions.iter().enumerate() {
            let field = format!("exclusions.{i}");
            if e.giver >= count || e.recipient >= count {
                errors.push(FieldError::new(
                    &field,
                    tr!(current(), "validation-exclusion-from-list"),
                ));
            } else if e.giver == e.recipient {
                errors.push(FieldError::new(
                    &field,
                    tr!(current(), "validation-exclusion-different"),
                ));
            } else if !exclusions.contains(&(e.giver, e.recipient)) {
                exclusions.push((e.giver, e.recipient));
            }
        }
        exclusions
    }
}

/// Refuses rules that leave no valid draw, that force a pair (so the organizer would know it),
/// or that let an organizer who takes part work out another pair from their own match. The
/// refusal names the people, in words.
fn rules_allow_a_secret_draw(
    participants: &[ValidParticipant],
    exclusions: &[(usize, usize)],
    organizer: Option<&str>,
) -> Result<(), String> {
    let names: Vec<String> = participants.iter().map(|p| p.name.clone()).collect();
    let organizer = organizer.and_then(|o| Email::parse(o).ok());
    let insider = organizer.and_then(|o| participants.iter().position(|p| p.email == o));
    rules_keep_the_secret(&names, exclusions, insider)
}

/// [`rules_allow_a_secret_draw`] for people given by name, `insider` being the organizer's own
/// position when they take part: also the check of a drawn draw's people after a change.
pub fn rules_keep_the_secret(
    names: &[String],
    exclusions: &[(usize, usize)],
    insider: Option<usize>,
) -> Result<(), String> {
    let count = names.len();
    // A table, not a search of the list: the checks below ask it about a million times for 32
    // people (a search made one check of a dense draw take almost a second).
    let mut ruled_out = vec![false; count * count];
    for &(g, r) in exclusions.iter().filter(|&&(g, r)| g < count && r < count) {
        ruled_out[g * count + r] = true;
    }
    let allowed = |g: usize, r: usize| !ruled_out[g * count + r];
    if let Some(blockers) = find_blockers(count, allowed) {
        return Err(explain(&blockers, names));
    }
    let forced = forced_pairs(count, allowed);
    if !forced.is_empty() {
        return Err(explain_forced(&forced, names));
    }
    if let Some(insider) = insider {
        let givers = insider_forced_givers(count, insider, allowed);
        if !givers.is_empty() {
            return Err(explain_insider(&givers, names));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::format_amount;

    fn person(name: &str, email: &str) -> ParticipantInput {
        ParticipantInput {
            name: name.into(),
            surname: "Tester".into(),
            email: email.into(),
            gift_preferences: String::new(),
        }
    }

    fn draw_of(n: usize) -> DrawInput {
        DrawInput {
            name: "Office".into(),
            participants: (0..n)
                .map(|i| person(&format!("P{i}"), &format!("p{i}@example.org")))
                .collect(),
            ..Default::default()
        }
    }

    fn fields(result: Result<ValidDraw, Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    /// The densest rules a draw of 32 can have and still be secret: each person may give only to
    /// the next two round the table (928 exclusions) — the check the editor asks for as the
    /// organizer types (its cost: `cargo bench --bench matching`). Taking part, the organizer
    /// would work out pairs from their own match.
    #[test]
    fn the_densest_secret_rules_for_thirty_two_people_keep_the_secret_unless_the_organizer_takes_part(
    ) {
        let mut draw = draw_of(32);
        draw.exclusions = (0..32)
            .flat_map(|g| (0..32).map(move |r| (g, r)))
            .filter(|&(g, r)| g != r && r != (g + 1) % 32 && r != (g + 2) % 32)
            .map(|(giver, recipient)| ExclusionInput { giver, recipient })
            .collect();
        assert!(draw.validate().is_ok());
        assert_eq!(
            fields(draw.validate_for(Some("p5@example.org"))),
            ["exclusions"]
        );
    }

    #[test]
    fn a_draw_of_three_with_only_a_name_is_valid() {
        let valid = draw_of(3).validate().unwrap();
        assert_eq!(valid.participants.len(), 3);
        assert_eq!(
            (valid.budget, valid.exchange_date, valid.message),
            (None, None, None)
        );
    }

    #[test]
    fn a_message_s_line_breaks_sent_as_cr_lf_count_and_are_kept_as_one_character_each() {
        let mut draw = draw_of(3);
        // 2,000 characters as a browser counts them; 2,009 with each break as CR LF.
        let lines: Vec<String> = (0..10).map(|_| "m".repeat(199)).collect();
        draw.message = format!("{}m", lines.join("\r\n"));
        let message = draw.validate().unwrap().message.unwrap();
        assert_eq!(message.chars().count(), MAX_DRAW_MESSAGE_CHARS);
        assert!(!message.contains('\r'));
        draw.message = format!("{}mm", lines.join("\r\n"));
        assert_eq!(fields(draw.validate()), ["message"]);
    }

    #[test]
    fn two_people_are_too_few_and_thirty_three_too_many() {
        assert_eq!(fields(draw_of(2).validate()), ["participants"]);
        assert!(draw_of(32).validate().is_ok());
        assert_eq!(fields(draw_of(33).validate()), ["participants"]);
    }

    #[test]
    fn a_blank_name_a_bad_email_and_long_preferences_are_reported_at_their_fields() {
        let mut draw = draw_of(3);
        draw.name = "   ".into();
        draw.participants[1].email = "bob-at-example".into();
        draw.participants[2].gift_preferences = "x".repeat(10_001);
        draw.participants[0].surname = String::new();
        assert_eq!(
            fields(draw.validate()),
            [
                "name",
                "participants.0.surname",
                "participants.1.email",
                "participants.2.gift_preferences"
            ]
        );
    }

    #[test]
    fn the_same_email_twice_in_any_case_is_refused_at_the_second_row() {
        let mut draw = draw_of(3);
        draw.participants[2].email = "P0@Example.org".into();
        assert_eq!(fields(draw.validate()), ["participants.2.email"]);
    }

    #[test]
    fn a_nul_or_line_break_in_any_text_field_is_refused_at_that_field() {
        let mut draw = draw_of(3);
        draw.name = "Office\0".into();
        draw.message = "Hi\u{0}".into();
        draw.participants[0].name = "A\nda".into();
        draw.participants[1].surname = "B\u{1b}".into();
        draw.participants[2].email = "p2\0@example.org".into();
        assert_eq!(
            fields(draw.validate()),
            [
                "name",
                "message",
                "participants.0.name",
                "participants.1.surname",
                "participants.2.email"
            ]
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_composed_and_decomposed_spellings_of_one_address_are_one_person() {
        let mut draw = draw_of(3);
        draw.participants[0].email = "zo\u{eb}@example.org".into();
        draw.participants[2].email = "zoe\u{308}@example.org".into();
        assert_eq!(fields(draw.validate()), ["participants.2.email"]);
    }

    #[test]
    fn a_name_of_only_zero_width_characters_counts_as_blank() {
        let mut draw = draw_of(3);
        draw.participants[0].name = "\u{200B}\u{FEFF}".into();
        assert_eq!(fields(draw.validate()), ["participants.0.name"]);
    }

    #[test]
    fn an_address_hidden_twice_behind_a_zero_width_space_is_refused() {
        let mut draw = draw_of(3);
        draw.participants[2].email = "p0\u{200B}@example.org".into();
        assert_eq!(fields(draw.validate()), ["participants.2.email"]);
    }

    #[test]
    fn rules_that_let_the_organizer_know_a_pair_are_refused_at_the_rules() {
        let mut draw = draw_of(3);
        draw.exclusions = vec![ExclusionInput {
            giver: 0,
            recipient: 1,
        }];
        assert_eq!(fields(draw.validate()), ["exclusions"]);
        let mut draw = draw_of(4);
        draw.exclusions = vec![ExclusionInput {
            giver: 0,
            recipient: 1,
        }];
        assert!(
            draw.validate().is_ok(),
            "one rule among four forces nothing"
        );
    }

    #[test]
    fn names_longer_than_the_limit_are_refused() {
        let mut draw = draw_of(3);
        draw.name = "n".repeat(MAX_DRAW_NAME_CHARS + 1);
        draw.participants[0].name = "n".repeat(MAX_PERSON_NAME_CHARS + 1);
        assert_eq!(fields(draw.validate()), ["name", "participants.0.name"]);
    }

    #[test]
    fn a_budget_needs_a_readable_amount_and_a_currency() {
        let mut draw = draw_of(3);
        draw.budget = "25.50".into();
        draw.currency = "eur".into();
        assert_eq!(draw.validate().unwrap().budget, Some((2550, "EUR".into())));
        for zero in ["0", "0.00", "0,0"] {
            draw.budget = zero.into();
            let errors = draw.validate().unwrap_err();
            assert_eq!(errors.len(), 1, "{zero}: {errors:?}");
            assert_eq!(errors[0].field, "budget");
            assert!(errors[0].message.contains("leave it empty"), "{errors:?}");
        }
        draw.budget = "twenty".into();
        draw.currency = String::new();
        assert_eq!(fields(draw.validate()), ["budget", "currency"]);
    }

    #[test]
    fn amounts_are_read_in_minor_units_and_written_back_the_same() {
        assert_eq!(parse_amount("25"), Some(2500));
        assert_eq!(parse_amount("25,5"), Some(2550));
        assert_eq!(parse_amount("0.99"), Some(99));
        assert_eq!(parse_amount("1 000"), Some(100_000));
        assert_eq!(parse_amount("1\u{a0}000,50"), Some(100_050));
        for bad in ["", "-5", "1.234", "abc", "1e3", "10000000000"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
        assert_eq!(format_amount(2500), "25");
        assert_eq!(format_amount(2550), "25.50");
    }

    #[test]
    fn only_real_calendar_dates_are_accepted() {
        assert_eq!(parse_date("2026-12-24").as_deref(), Ok("2026-12-24"));
        assert_eq!(parse_date("2028-02-29").as_deref(), Ok("2028-02-29"));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "24.12.2026",
            "2026-1-5",
            "+202-12-24",
            "",
        ] {
            assert_eq!(parse_date(bad), Err(BadDate::NotADate), "{bad}");
        }
        // A real date long past is told as such, not as a date written wrong.
        for early in ["1900-01-01", "1999-12-31"] {
            assert_eq!(parse_date(early), Err(BadDate::TooEarly), "{early}");
        }
    }

    #[test]
    fn an_exclusion_must_join_two_different_people_of_the_list() {
        let mut draw = draw_of(3);
        draw.exclusions = vec![
            ExclusionInput {
                giver: 0,
                recipient: 0,
            },
            ExclusionInput {
                giver: 0,
                recipient: 7,
            },
        ];
        assert_eq!(fields(draw.validate()), ["exclusions.0", "exclusions.1"]);
    }

    #[test]
    fn rules_that_leave_no_valid_draw_are_explained_naming_the_people() {
        let mut draw = draw_of(3);
        draw.exclusions = vec![
            ExclusionInput {
                giver: 0,
                recipient: 1,
            },
            ExclusionInput {
                giver: 0,
                recipient: 2,
            },
        ];
        let errors = draw.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "exclusions");
        assert!(
            errors[0].message.starts_with("P0 may not give to anyone"),
            "{}",
            errors[0].message
        );
    }
}
