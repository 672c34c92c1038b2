//! Every text a person reads, in English and Polish: one Fluent file per language
//! (`locales/en.ftl`, `locales/pl.ftl`), read by Project Fluent's own crates. A third language is
//! a third file and one more [`Lang`].
//!
//! The language of a request is chosen once, by the server's middleware: the person's choice (on
//! their account when logged in, else the `santa_lang` cookie the switcher sets), then the
//! browser's `Accept-Language`, then English. Pages read it from the Leptos context, server
//! functions and the code they call from the request's task ([`current`]); mail is written in the
//! recipient's language, passed explicitly.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Pl,
}

/// The name of the cookie that keeps the choice of a visitor who is not logged in.
pub const COOKIE: &str = "santa_lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Pl];

    /// The language's tag, as in `<html lang>`, the cookie and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pl => "pl",
        }
    }

    /// The language's name in itself, as the switcher shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Pl => "Polski",
        }
    }

    /// "pl", "PL", "pl-PL", "en-GB" → the language; anything else → None.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first language of an `Accept-Language` header (by its weights) that the app speaks.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut choices: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let lang = Lang::from_code(bits.next()?)?;
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        choices.first().map(|c| c.2)
    }

    /// The language chosen with the switcher in this browser: its cookie, in any `Cookie` header.
    #[cfg(feature = "ssr")]
    pub fn chosen_in(headers: &axum::http::HeaderMap) -> Option<Lang> {
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
            .and_then(Lang::from_code)
    }

    /// A visitor's language as their request tells it: the switcher's cookie, else the first of
    /// their browser's (`Accept-Language`) that the app speaks.
    #[cfg(feature = "ssr")]
    pub fn of_headers(headers: &axum::http::HeaderMap) -> Option<Lang> {
        Lang::chosen_in(headers).or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The Fluent source of each language, in the order of [`Lang::ALL`].
pub const SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../locales/en.ftl")),
    (Lang::Pl, include_str!("../locales/pl.ftl")),
];

struct Catalog {
    bundle: FluentBundle<FluentResource>,
    /// Every message that needs no argument, formatted once.
    plain: FxHashMap<String, String>,
    /// Every message made only of text and arguments (no plural or other choice), as its pieces:
    /// [`t_args`] fills these in itself, which is what Fluent would write, for a fraction of the
    /// work (a page writes dozens of dates and counts; bench/RESULTS.md, issue 15).
    simple: FxHashMap<String, Vec<Piece>>,
}

/// A piece of a message that is only text and arguments.
enum Piece {
    Text(String),
    Arg(String),
}

/// The pieces of `pattern` when it is only text and plain arguments; None when it chooses
/// (selectors), calls a function or refers to another message.
fn simple_pieces(pattern: &fluent_syntax::ast::Pattern<&str>) -> Option<Vec<Piece>> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    pattern
        .elements
        .iter()
        .map(|element| match element {
            PatternElement::TextElement { value } => Some(Piece::Text((*value).to_string())),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => Some(Piece::Arg(id.name.to_string())),
            PatternElement::Placeable { .. } => None,
        })
        .collect()
}

static CATALOGS: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, source)| {
            let resource = FluentResource::try_new((*source).to_string())
                .unwrap_or_else(|(_, errors)| panic!("locales/{}.ftl: {errors:?}", lang.code()));
            let ids: Vec<String> = resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            let tag = lang.code().parse().expect("a language tag");
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            // No invisible isolation marks around arguments: our texts are left-to-right, and
            // the marks would end up in mail subjects, attributes and the tests' expectations.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("locales/{}.ftl: {errors:?}", lang.code()));
            let mut plain = FxHashMap::default();
            let mut simple = FxHashMap::default();
            for id in ids {
                let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    plain.insert(id, text.into_owned());
                } else if let Some(pieces) = simple_pieces(pattern) {
                    simple.insert(id, pieces);
                }
            }
            Catalog {
                bundle,
                plain,
                simple,
            }
        })
        .collect()
});

/// The text of a message that takes no argument (English when Polish lacks it; the key itself
/// when neither has it, which a test rules out for every key the code names).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    let catalogs: &'static Vec<Catalog> = &CATALOGS;
    catalogs[lang.index()]
        .plain
        .get(key)
        .or_else(|| catalogs[Lang::En.index()].plain.get(key))
        .map_or(key, String::as_str)
}

/// An argument of a message: a text or a number (numbers choose plural forms).
#[derive(Clone, Debug)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}
impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

/// The text of a message with its arguments.
pub fn t_args(lang: Lang, key: &'static str, args: &[(&'static str, Arg)]) -> String {
    let catalogs: &'static Vec<Catalog> = &CATALOGS;
    for catalog in [&catalogs[lang.index()], &catalogs[Lang::En.index()]] {
        if let Some(pieces) = catalog.simple.get(key) {
            if let Some(text) = fill_in(pieces, args) {
                return text;
            }
        }
        if catalog.bundle.has_message(key) {
            break;
        }
    }
    fluent_args(catalogs, lang, key, args)
}

/// `pieces` with `args` in their places, as Fluent writes them (numbers as Fluent prints a
/// number without options); None when an argument is missing (Fluent then says which).
fn fill_in(pieces: &[Piece], args: &[(&'static str, Arg)]) -> Option<String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Arg(name) => match &args.iter().find(|(n, _)| n == name)?.1 {
                Arg::Text(text) => out.push_str(text),
                // Fluent holds numbers as f64: whole numbers it can hold exactly print as integers.
                Arg::Number(n) if n.unsigned_abs() <= 1 << 53 => out.push_str(&n.to_string()),
                Arg::Number(n) => out.push_str(&(*n as f64).to_string()),
            },
        }
    }
    Some(out)
}

/// [`t_args`] through Fluent itself.
fn fluent_args(
    catalogs: &'static [Catalog],
    lang: Lang,
    key: &'static str,
    args: &[(&'static str, Arg)],
) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    for catalog in [&catalogs[lang.index()], &catalogs[Lang::En.index()]] {
        if let Some(pattern) = catalog.bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return catalog
                .bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
    }
    key.to_string()
}

/// `tr!(lang, "key")` is the message's text (`&'static str`); `tr!(lang, "key", name = value, …)`
/// formats it with its arguments (a `String`).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:literal) => {
        $crate::i18n::t($lang, $key)
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::t_args($lang, $key, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// A calendar date (`YYYY-MM-DD`) as people of the language write it: "December 18, 2026",
/// "18 grudnia 2026". Anything else comes back as it was.
pub fn format_date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return iso.to_string();
    };
    const MONTHS: [&str; 12] = [
        "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
        "month-9", "month-10", "month-11", "month-12",
    ];
    let Some(month_key) = MONTHS.get(month.wrapping_sub(1) as usize) else {
        return iso.to_string();
    };
    tr!(
        lang,
        "date-long",
        day = day,
        month = t(lang, month_key),
        year = year.to_string()
    )
}

/// A moment in UTC (`YYYY-MM-DD HH:MM`) as people of the language write it: "November 27, 2026
/// at 10:05 UTC", "27 listopada 2026 o 10:05 UTC".
pub fn format_datetime(lang: Lang, iso: &str) -> String {
    match iso.split_once(' ') {
        Some((date, time)) => tr!(
            lang,
            "datetime-long",
            date = format_date(lang, date),
            time = time
        ),
        None => format_date(lang, iso),
    }
}

/// An amount in minor units with its currency, as people of the language write it:
/// "€25.00", "PLN 1,200.00"; "25,00 €", "1200,00 zł".
pub fn format_money(lang: Lang, minor: i64, currency: &str) -> String {
    let cents = format!("{:02}", (minor % 100).abs());
    let amount = match lang {
        Lang::En => format!("{}.{cents}", grouped(lang, minor / 100)),
        Lang::Pl => format!("{},{cents}", grouped(lang, minor / 100)),
    };
    with_currency(lang, &amount, currency)
}

/// An amount as the budget field shows it for editing: "25.50"; "25,50" in Polish.
pub fn amount_for_editing(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::En => amount.to_string(),
        Lang::Pl => amount.replace('.', ","),
    }
}

/// Whole amounts, or a range of them, with their currency, as people of the language say a price:
/// "€24–40", "PLN 15"; "24–40 €", "15 zł".
pub fn format_whole_money(lang: Lang, low: i64, high: Option<i64>, currency: &str) -> String {
    let amount = match high {
        Some(high) => format!("{}–{}", grouped(lang, low), grouped(lang, high)),
        None => grouped(lang, low),
    };
    with_currency(lang, &amount, currency)
}

/// Thousands grouped: "1,234,567"; in Polish with a non-breaking space, from five digits on.
fn grouped(lang: Lang, whole: i64) -> String {
    let digits = whole.to_string();
    let (separator, from) = match lang {
        Lang::En => (',', 4),
        Lang::Pl => ('\u{a0}', 5),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if digits.len() >= from && i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn with_currency(lang: Lang, amount: &str, currency: &str) -> String {
    match lang {
        Lang::En => match currency {
            "EUR" => format!("€{amount}"),
            "USD" => format!("${amount}"),
            "GBP" => format!("£{amount}"),
            other => format!("{other} {amount}"),
        },
        Lang::Pl => {
            let symbol = match currency {
                "PLN" => "zł",
                "EUR" => "€",
                other => other,
            };
            format!("{amount}\u{a0}{symbol}")
        }
    }
}

#[cfg(feature = "ssr")]
tokio::task_local! {
    static REQUEST_LANG: Lang;
}

/// Runs `fut` with `lang` as the [`current`] language (the middleware, around each request; a
/// job, around what it writes for one person).
#[cfg(feature = "ssr")]
pub async fn scope<F: std::future::Future>(lang: Lang, fut: F) -> F::Output {
    REQUEST_LANG.scope(lang, fut).await
}

/// The language of what is being made now: the page's (Leptos context) while a page renders, the
/// request's in a server function, English elsewhere.
pub fn current() -> Lang {
    if let Some(lang) = leptos::prelude::use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    if let Ok(lang) = REQUEST_LANG.try_with(|l| *l) {
        return lang;
    }
    Lang::En
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// Every message of a language with the variables it uses (in its value and its attributes).
    fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = fluent_syntax::parser::parse(source).expect("the file parses");
        let mut out = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut vars = BTreeSet::new();
                if let Some(value) = &message.value {
                    pattern_vars(value, &mut vars);
                }
                out.insert(message.id.name.to_string(), vars);
            }
        }
        out
    }

    fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for variant in variants {
                    pattern_vars(&variant.value, vars);
                }
            }
            ast::Expression::Inline(inline) => inline_vars(inline, vars),
        }
    }

    fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for arg in &arguments.positional {
                    inline_vars(arg, vars);
                }
            }
            _ => {}
        }
    }

    fn plain_texts(source: &str) -> BTreeMap<String, String> {
        let resource = fluent_syntax::parser::parse(source).expect("the file parses");
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                ast::Entry::Message(m) => Some((
                    m.id.name.to_string(),
                    m.value
                        .as_ref()
                        .map(|p| {
                            p.elements
                                .iter()
                                .map(|e| match e {
                                    ast::PatternElement::TextElement { value } => value.to_string(),
                                    ast::PatternElement::Placeable { .. } => "{}".to_string(),
                                })
                                .collect::<String>()
                        })
                        .unwrap_or_default(),
                )),
                _ => None,
            })
            .collect()
    }

    /// Texts that are rightly the same in both languages: names, addresses, symbols.
    const SAME_IN_BOTH: [&str; 8] = [
        "brand",
        // ("Menu" is the Polish word too; "Otwórz menu" wrapped on a 360 px phone.)
        "menu-open",
        "title-suffix",
        "language-name-en",
        "language-name-pl",
        "email-example",
        "ideas-offline-ok",
        "date-long",
    ];

    #[test]
    fn every_message_exists_in_english_and_in_polish() {
        let en = messages(SOURCES[0].1);
        let pl = messages(SOURCES[1].1);
        let only_en: Vec<_> = en.keys().filter(|k| !pl.contains_key(*k)).collect();
        let only_pl: Vec<_> = pl.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty(), "missing in pl.ftl: {only_en:?}");
        assert!(only_pl.is_empty(), "missing in en.ftl: {only_pl:?}");
    }

    #[test]
    fn every_message_takes_the_same_arguments_in_both_languages() {
        let en = messages(SOURCES[0].1);
        let pl = messages(SOURCES[1].1);
        let differing: Vec<_> = en
            .iter()
            .filter(|(key, vars)| pl.get(*key).is_some_and(|p| p != *vars))
            .map(|(key, vars)| format!("{key}: en {vars:?}, pl {:?}", pl[key]))
            .collect();
        assert!(differing.is_empty(), "{differing:#?}");
    }

    #[test]
    fn no_polish_text_is_the_english_one_left_untranslated() {
        let en = plain_texts(SOURCES[0].1);
        let pl = plain_texts(SOURCES[1].1);
        let same: Vec<_> = en
            .iter()
            .filter(|(key, text)| {
                !SAME_IN_BOTH.contains(&key.as_str())
                    && pl.get(*key) == Some(*text)
                    && text.chars().any(char::is_alphabetic)
            })
            .map(|(key, _)| key.clone())
            .collect();
        assert!(same.is_empty(), "the same in both: {same:?}");
    }

    #[test]
    fn every_key_the_code_names_is_in_the_files() {
        let en = messages(SOURCES[0].1);
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).expect("src") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Ok(code) = std::fs::read_to_string(&path) else {
                    continue;
                };
                for (i, _) in code.match_indices("tr!(") {
                    let before = code[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue; // include_str!( and the like
                    }
                    let line_start = code[..i].rfind('\n').map_or(0, |n| n + 1);
                    if code[line_start..i].trim_start().starts_with("//") {
                        continue; // a comment naming the macro
                    }
                    let call = &code[i..code.len().min(i + 300)];
                    let Some(start) = call.find('"') else {
                        continue;
                    };
                    let key: String = call[start + 1..]
                        .chars()
                        .take_while(|c| *c != '"')
                        .collect();
                    let is_key = !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if is_key && !en.contains_key(&key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn a_message_of_text_and_arguments_reads_the_same_filled_in_directly_as_through_fluent() {
        let mut checked = 0;
        for lang in Lang::ALL {
            let catalog = &CATALOGS[lang.index()];
            for (key, vars) in messages(SOURCES[lang.index()].1) {
                let Some(pieces) = catalog.simple.get(&key) else {
                    continue;
                };
                // Texts with markup-like and non-ASCII characters, and numbers.
                let samples = [
                    Arg::Text("Zoë <b>&".into()),
                    Arg::Number(-22),
                    Arg::Number(1 << 60),
                ];
                for (i, sample) in samples.iter().enumerate() {
                    let args: Vec<(&'static str, Arg)> = vars
                        .iter()
                        .map(|v| (&*String::leak(v.clone()), sample.clone()))
                        .collect();
                    let key: &'static str = String::leak(key.clone());
                    let direct = fill_in(pieces, &args).expect("every argument given");
                    assert_eq!(
                        direct,
                        fluent_args(&CATALOGS, lang, key, &args),
                        "{key} ({lang:?}, sample {i})"
                    );
                    assert_eq!(t_args(lang, key, &args), direct);
                }
                checked += 1;
            }
        }
        assert!(
            checked > 50,
            "most messages with arguments are plain text around them ({checked})"
        );
        // One that chooses (a plural) still goes through Fluent.
        assert!(!CATALOGS[Lang::Pl.index()]
            .simple
            .contains_key("people-count"));
        assert_eq!(tr!(Lang::Pl, "people-count", count = 5), "5 osób");
    }

    #[test]
    fn the_browsers_first_language_we_speak_wins_by_its_weight() {
        assert_eq!(
            Lang::from_accept_language("pl-PL,pl;q=0.9,en;q=0.8"),
            Some(Lang::Pl)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,pl;q=0.5,en;q=0.4"),
            Some(Lang::Pl)
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.3, pl;q=0.7"),
            Some(Lang::Pl)
        );
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr-FR, de"), None);
        assert_eq!(Lang::from_accept_language("pl;q=0, en"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn polish_counts_people_days_and_ideas_in_its_three_plural_forms() {
        let people = |n: i64| tr!(Lang::Pl, "people-count", count = n);
        assert_eq!(people(1), "1 osoba");
        assert_eq!(people(2), "2 osoby");
        assert_eq!(people(4), "4 osoby");
        assert_eq!(people(5), "5 osób");
        assert_eq!(people(12), "12 osób");
        assert_eq!(people(22), "22 osoby");
        assert_eq!(people(25), "25 osób");
        let days = |n: i64| tr!(Lang::Pl, "days-count", count = n);
        assert_eq!(days(1), "1 dzień");
        assert_eq!(days(3), "3 dni");
        assert_eq!(days(5), "5 dni");
        let ideas = |n: i64| tr!(Lang::Pl, "ideas-count", count = n);
        assert_eq!(ideas(1), "1 pomysł");
        assert_eq!(ideas(3), "3 pomysły");
        assert_eq!(ideas(5), "5 pomysłów");
        assert_eq!(tr!(Lang::En, "people-count", count = 1), "1 person");
        assert_eq!(tr!(Lang::En, "people-count", count = 5), "5 people");
    }

    #[test]
    fn dates_and_money_are_written_as_each_language_writes_them() {
        assert_eq!(format_date(Lang::Pl, "2026-12-18"), "18 grudnia 2026");
        assert_eq!(format_date(Lang::En, "2026-12-18"), "December 18, 2026");
        assert_eq!(format_date(Lang::Pl, "2027-01-02"), "2 stycznia 2027");
        assert_eq!(format_date(Lang::En, "soon"), "soon");
        assert_eq!(
            format_datetime(Lang::Pl, "2026-11-27 10:05"),
            "27 listopada 2026 o 10:05 UTC"
        );
        assert_eq!(
            format_datetime(Lang::En, "2026-11-27 10:05"),
            "November 27, 2026 at 10:05 UTC"
        );
        assert_eq!(format_money(Lang::Pl, 2500, "PLN"), "25,00\u{a0}zł");
        assert_eq!(
            format_money(Lang::Pl, 1_250_050, "EUR"),
            "12\u{a0}500,50\u{a0}€"
        );
        assert_eq!(format_money(Lang::Pl, 120_000, "PLN"), "1200,00\u{a0}zł");
        assert_eq!(format_money(Lang::En, 2500, "EUR"), "€25.00");
        assert_eq!(format_money(Lang::En, 120_000, "PLN"), "PLN 1,200.00");
        assert_eq!(format_money(Lang::En, 123_456_750, "EUR"), "€1,234,567.50");
        assert_eq!(format_whole_money(Lang::En, 24, Some(40), "EUR"), "€24–40");
        assert_eq!(format_whole_money(Lang::En, 15, None, "PLN"), "PLN 15");
        assert_eq!(
            format_whole_money(Lang::Pl, 24, Some(40), "PLN"),
            "24–40\u{a0}zł"
        );
        assert_eq!(
            format_whole_money(Lang::Pl, 740_740, Some(1_234_567), "EUR"),
            "740\u{a0}740–1\u{a0}234\u{a0}567\u{a0}€"
        );
    }

    #[test]
    fn a_language_is_known_by_its_tag_in_any_case_and_region() {
        assert_eq!(Lang::from_code("pl-PL"), Some(Lang::Pl));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }
}
