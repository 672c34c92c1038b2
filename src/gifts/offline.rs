//! The offline provider: ideas derived from the wish letter's own words and priced from the
//! budget, for when no AI provider is configured or it fails.

use super::reply::clean;
use crate::domain::gift_ideas::{Budget, GiftIdea, MAX_TITLE_CHARS, MAX_WHY_CHARS, MIN_IDEAS};

/// Things the wish letter mentions: its lines and list items, without filler words.
fn wish_items(wishes: &str) -> Vec<String> {
    const FILLER: [&str; 14] = [
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
    ];
    let mut items: Vec<String> = Vec::new();
    for part in wishes.split(['\n', ',', ';', '.', '•', '!', '?']) {
        for piece in part.split(" and ") {
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
                item = item[filler.len()..].trim().to_string();
            }
            let chars = item.chars().count();
            if !(2..=60).contains(&chars) {
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

fn price_range(budget: Option<&Budget>, low: i64, high: i64) -> String {
    match budget {
        None => "Modest — no budget was set".to_string(),
        Some(b) => {
            // Whole units, rounded to something a person would say.
            let unit = |share: i64| ((b.minor * share / 100) / 100).max(1);
            let (lo, hi) = (unit(low), unit(high));
            if lo >= hi {
                format!("About {hi} {}", b.currency)
            } else {
                format!("About {lo}–{hi} {}", b.currency)
            }
        }
    }
}

/// Ideas made without any provider: from the things the wish letter mentions, then a few safe
/// classics, priced from the budget. Always between [`MIN_IDEAS`] and [`MAX_IDEAS`](crate::domain::gift_ideas::MAX_IDEAS) ideas.
pub fn offline_ideas(wishes: &str, budget: Option<&Budget>) -> Vec<GiftIdea> {
    let items = wish_items(wishes);
    let mut ideas = Vec::new();
    for (i, item) in items.iter().take(4).enumerate() {
        let quoted = format!("“{item}”");
        let idea = match i % 4 {
            0 => GiftIdea {
                title: clean(&capitalize(item), MAX_TITLE_CHARS),
                why: clean(
                    &format!("Straight from the wish letter: {quoted}."),
                    MAX_WHY_CHARS,
                ),
                price: price_range(budget, 60, 100),
            },
            1 => GiftIdea {
                title: clean(&format!("A book or guide about {item}"), MAX_TITLE_CHARS),
                why: clean(
                    &format!("Goes deeper into something they already enjoy: {quoted}."),
                    MAX_WHY_CHARS,
                ),
                price: price_range(budget, 40, 70),
            },
            2 => GiftIdea {
                title: clean(&format!("A small accessory for {item}"), MAX_TITLE_CHARS),
                why: clean(
                    &format!("Useful every time they turn to {quoted}."),
                    MAX_WHY_CHARS,
                ),
                price: price_range(budget, 30, 60),
            },
            _ => GiftIdea {
                title: clean(&format!("An experience around {item}"), MAX_TITLE_CHARS),
                why: clean(
                    &format!("A memory instead of a thing, built on {quoted}."),
                    MAX_WHY_CHARS,
                ),
                price: price_range(budget, 70, 100),
            },
        };
        ideas.push(idea);
    }
    let classics = [
        (
            "A handwritten card with a favourite treat",
            "Personal and always welcome, whatever the wish letter says.",
            (20, 40),
        ),
        (
            "A cosy blanket or pair of warm socks",
            "A safe classic for the season when the wishes leave room.",
            (50, 90),
        ),
        (
            "A voucher for a local café or bookshop",
            "Lets them pick the exact thing they like.",
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
            price: price_range(budget, low, high),
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
        );
        assert_eq!(ideas.len(), 4);
        assert_eq!(ideas[0].title, "Jazz records");
        assert!(ideas[1].title.contains("green tea"));
        assert!(ideas[2].title.contains("hiking"));
        assert!(ideas[3].title.contains("board games"));
        assert_eq!(ideas[0].price, "About 24–40 EUR");
    }

    #[test]
    fn an_empty_wish_letter_still_gets_three_classic_ideas() {
        let ideas = offline_ideas("", None);
        assert_eq!(ideas.len(), MIN_IDEAS);
        assert!(ideas.iter().all(|i| i.price.contains("no budget")));
    }
}
