//! The offline provider: ideas derived from the wish letter's own words and priced from the
//! budget, for when no AI provider is configured or it fails. Written in the page's language;
//! the wish letter may be in English or Polish (or anything else: its words are quoted as they
//! are).

use super::reply::clean;
use crate::domain::gift_ideas::{Budget, GiftIdea, MAX_TITLE_CHARS, MAX_WHY_CHARS, MIN_IDEAS};
use crate::i18n::{format_whole_money, Lang};
use crate::tr;

/// Things the wish letter mentions: its lines and list items, without filler words.
fn wish_items(wishes: &str) -> Vec<String> {
    const FILLER: [&str; 32] = [
        "i would love ",
        "i would like ",
        "i'd love ",
        "i'd like ",
        "i love ",
        "i like ",
        "i want ",
        "i enjoy ",
        "maybe ",
        "anything with ",
        "anything ",
        "something with ",
        "something ",
        "some ",
        // What is left of "something for cycling" (the ideas' texts say "for" themselves).
        "for ",
        "with ",
        "about ",
        // Polish wish letters.
        "chciałabym ",
        "chciałbym ",
        "marzę o ",
        "bardzo lubię ",
        "uwielbiam ",
        "lubię ",
        "może ",
        "coś z ",
        "coś do ",
        "coś ",
        "jakieś ",
        "jakiś ",
        "jakąś ",
        "dowolne ",
        "dobre ",
    ];
    let mut items: Vec<String> = Vec::new();
    for part in outside_brackets(wishes) {
        // ("and" inside brackets stays too.)
        let pieces: Vec<&str> = if part.contains(['(', '[']) {
            vec![part.as_str()]
        } else {
            part.split(" and ")
                .flat_map(|p| p.split(" i "))
                .flat_map(|p| p.split(" oraz "))
                .collect()
        };
        for piece in pieces {
            let mut item = piece
                .trim()
                .trim_start_matches(['-', '*', '+', '·'])
                .trim()
                .to_string();
            loop {
                let lower = item.to_lowercase();
                let Some(filler) = FILLER.iter().find(|f| lower.starts_with(*f)) else {
                    break;
                };
                // (Lower-casing can change a text's length: cut only at a character's edge.)
                let Some(rest) = item.get(filler.len()..) else {
                    break;
                };
                item = rest.trim().to_string();
            }
            let chars = item.chars().count();
            if !(2..=60).contains(&chars) || !is_a_wish(&item) {
                continue;
            }
            if !items
                .iter()
                .any(|i| i.to_lowercase() == item.to_lowercase())
            {
                items.push(item);
            }
        }
    }
    items
}

/// The letter cut at its separators (line breaks, commas, full stops…), except inside brackets:
/// "novels (Agatha Christie, Poirot)" stays one piece, and a bracket left open closes the piece.
fn outside_brackets(wishes: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut depth = 0usize;
    for c in wishes.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            _ => {}
        }
        if depth == 0 && matches!(c, '\n' | ',' | ';' | '.' | '•' | '!' | '?') {
            parts.push(std::mem::take(&mut part));
        } else {
            part.push(c);
        }
    }
    parts.push(part);
    parts
}

/// Whether an item of the letter is something to give, not a note about the person ("Size: M",
/// "Rozmiar: 42") or something not to give ("no chocolate", "nie lubię kawy"), which would make
/// ideas like "A book about Size: M".
fn is_a_wish(item: &str) -> bool {
    const NOT_TO_GIVE: [&str; 13] = [
        "no ",
        "not ",
        "nothing",
        "please no",
        "please don",
        "don't",
        "don’t",
        "do not",
        "nie ",
        "nic ",
        "bez ",
        "żadn",
        "proszę nie",
    ];
    // Words that make a line a note about the person rather than a wish, wherever they are.
    const NOTES: [&str; 25] = [
        "size",
        "rozmiar",
        "numer buta",
        "allergic",
        "allergy",
        "uczulen",
        "alergi",
        "dislike",
        "don't like",
        "don’t like",
        "do not like",
        "hate ",
        "nienawidz",
        "already have",
        "have enough",
        "too many",
        "mam już",
        "mam dość",
        "nie lubię",
        "nie pijam",
        "nie jem",
        "vegan",
        "vegetarian",
        "wegan",
        "wegetaria",
    ];
    let lower = item.to_lowercase();
    !item.contains(':')
        && !NOT_TO_GIVE.iter().any(|n| lower.starts_with(n))
        && !NOTES.iter().any(|n| lower.contains(n))
}

fn price_range(lang: Lang, budget: Option<&Budget>, low: i64, high: i64) -> String {
    match budget {
        None => tr!(lang, "ideas-price-no-budget").to_string(),
        Some(b) => {
            // Whole units, rounded to something a person would say.
            let unit = |share: i64| ((b.minor * share / 100) / 100).max(1);
            let (lo, hi) = (unit(low), unit(high));
            let range = if lo >= hi { None } else { Some(hi) };
            let amount =
                format_whole_money(lang, if lo >= hi { hi } else { lo }, range, &b.currency);
            tr!(lang, "ideas-price-about", amount = amount)
        }
    }
}

/// Ideas made without any provider: from the things the wish letter mentions, then a few safe
/// classics, priced from the budget, written in `lang`. Always between [`MIN_IDEAS`] and
/// [`MAX_IDEAS`](crate::domain::gift_ideas::MAX_IDEAS) ideas.
pub fn offline_ideas(wishes: &str, budget: Option<&Budget>, lang: Lang) -> Vec<GiftIdea> {
    let items = wish_items(wishes);
    let mut ideas = Vec::new();
    for (i, item) in items.iter().take(4).enumerate() {
        let item = item.as_str();
        let (title, why, (low, high)) = match i % 4 {
            0 => (
                capitalize(item),
                tr!(lang, "ideas-wish-why", item = item),
                (60, 100),
            ),
            1 => (
                tr!(lang, "ideas-book-title", item = item),
                tr!(lang, "ideas-book-why", item = item),
                (40, 70),
            ),
            2 => (
                tr!(lang, "ideas-accessory-title", item = item),
                tr!(lang, "ideas-accessory-why", item = item),
                (30, 60),
            ),
            _ => (
                tr!(lang, "ideas-experience-title", item = item),
                tr!(lang, "ideas-experience-why", item = item),
                (70, 100),
            ),
        };
        ideas.push(GiftIdea {
            title: clean(&title, MAX_TITLE_CHARS),
            why: clean(&why, MAX_WHY_CHARS),
            price: price_range(lang, budget, low, high),
        });
    }
    let classics = [
        (
            tr!(lang, "ideas-classic-card-title"),
            tr!(lang, "ideas-classic-card-why"),
            (20, 40),
        ),
        (
            tr!(lang, "ideas-classic-warm-title"),
            tr!(lang, "ideas-classic-warm-why"),
            (50, 90),
        ),
        (
            tr!(lang, "ideas-classic-voucher-title"),
            tr!(lang, "ideas-classic-voucher-why"),
            (60, 100),
        ),
    ];
    for (title, why, (low, high)) in classics {
        if ideas.len() >= MIN_IDEAS {
            break;
        }
        ideas.push(GiftIdea {
            title: title.to_string(),
            why: why.to_string(),
            price: price_range(lang, budget, low, high),
        });
    }
    ideas
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::gifts::tests::eur;

    #[test]
    fn offline_ideas_come_from_the_wish_letter_and_the_budget() {
        let ideas = offline_ideas(
            "I love jazz records, green tea and hiking.\n- board games",
            Some(&eur(40)),
            Lang::En,
        );
        assert_eq!(ideas.len(), 4);
        assert_eq!(ideas[0].title, "Jazz records");
        assert!(ideas[1].title.contains("green tea"));
        assert!(ideas[2].title.contains("hiking"));
        assert!(ideas[3].title.contains("board games"));
        assert_eq!(ideas[0].price, "About €24–40");
    }

    #[test]
    fn a_size_or_what_not_to_give_is_not_made_into_an_idea() {
        let ideas = offline_ideas(
            "Size: M, no chocolate please\nI love jazz records\nDon't buy candles",
            None,
            Lang::En,
        );
        assert_eq!(ideas[0].title, "Jazz records");
        assert!(
            ideas.iter().all(|i| !i.title.contains("Size")
                && !i.title.contains("chocolate")
                && !i.title.contains("candles")),
            "{ideas:?}"
        );
        // Notes with the word anywhere in them (found from outside: "Shoe size 42" became an
        // outing, "I don't like mugs" a book).
        let notes = "Size L\nShoe size 42\nRing size 7\nI'm allergic to cats\nI dislike candles\n\
                     I don't like mugs\nHate scarves\nI already have too many mugs\nI have enough socks\n\
                     Rozmiar 42\nnumer buta 42\nmam uczulenie na orzechy\nnienawidzę skarpet\n\
                     weganka - bez skóry\nI love jazz records";
        let ideas = offline_ideas(notes, None, Lang::En);
        assert_eq!(ideas[0].title, "Jazz records");
        assert_eq!(
            ideas.len(),
            MIN_IDEAS,
            "one from the letter, the rest classics: {ideas:?}"
        );
        let pomysły = offline_ideas(
            "Rozmiar: M\nNie lubię czekolady\nBez kwiatów\nUwielbiam herbatę",
            None,
            Lang::Pl,
        );
        assert_eq!(pomysły[0].title, "Herbatę");
        assert!(
            pomysły.iter().all(|i| !i.title.contains("Rozmiar")
                && !i.title.contains("czekolad")
                && !i.title.contains("kwiat")),
            "{pomysły:?}"
        );
    }

    #[test]
    fn an_idea_reads_as_a_sentence_and_keeps_a_bracket_whole() {
        // Found by a new user: "A small accessory for for cycling", and a Polish title that
        // ended in "(Agatha Christie".
        let items = wish_items(
            "Something for cycling\nDetective novels (Agatha Christie, Dorothy L. Sayers)\n\
             Tea (green and black)\nSomething with cats",
        );
        assert_eq!(
            items,
            [
                "cycling",
                "Detective novels (Agatha Christie, Dorothy L. Sayers)",
                "Tea (green and black)",
                "cats"
            ]
        );
        // An unclosed bracket ends at its line.
        assert_eq!(wish_items("Books (crime\nSocks"), ["Books (crime", "Socks"]);
    }

    #[test]
    fn an_empty_wish_letter_still_gets_three_classic_ideas() {
        let ideas = offline_ideas("", None, Lang::En);
        assert_eq!(ideas.len(), MIN_IDEAS);
        assert!(ideas.iter().all(|i| i.price.contains("no budget")));
    }

    #[test]
    fn a_polish_page_gets_polish_ideas_from_a_polish_wish_letter() {
        let ideas = offline_ideas(
            "Lubię książki i dobrą kawę, oraz planszówki",
            Some(&eur(40)),
            Lang::Pl,
        );
        assert_eq!(ideas.len(), 3);
        assert_eq!(ideas[0].title, "Książki");
        assert!(ideas[0].why.contains("„książki”"), "{}", ideas[0].why);
        assert!(ideas[1].title.contains("kawę"), "{}", ideas[1].title);
        assert!(ideas[2].title.contains("planszówki"), "{}", ideas[2].title);
        assert!(ideas[0].price.starts_with("Około"), "{}", ideas[0].price);
        let classics = offline_ideas("", None, Lang::Pl);
        assert_eq!(classics.len(), MIN_IDEAS);
        assert!(classics.iter().all(|i| i.price.contains("budżetu")));
    }
}
