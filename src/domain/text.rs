//! Characters a person cannot see or type on purpose. Control characters (NUL above all) never
//! reach the database: PostgreSQL refuses NUL in text, and the others only hide what a field says.

/// What a field says when its text has a character nobody can see (in the request's language).
pub fn control_character_message() -> &'static str {
    crate::tr!(crate::i18n::current(), "validation-control-characters")
}

/// A multi-line text (wishes, a message) as it is checked and stored: trimmed, and each line
/// break one `\n` — a form posts a text box's line breaks as CR LF, and the browser's counter
/// counts each as one character.
pub fn multi_line_text(raw: &str) -> String {
    trimmed(raw).replace("\r\n", "\n")
}

/// Trimmed as a browser's script trims (`String.prototype.trim`), which the counters use: white
/// space and the BOM (U+FEFF), which Rust's `trim` keeps, but not NEL (U+0085), which Rust's
/// `trim` drops (kept, it is refused as a control character, as the page's counter expects).
fn trimmed(raw: &str) -> &str {
    raw.trim_matches(|c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}')
}

/// How many characters a multi-line text has as the server counts it for its limit: the
/// characters of [`multi_line_text`], without making it.
pub fn counted_chars(raw: &str) -> usize {
    let text = trimmed(raw);
    text.chars().count() - text.matches("\r\n").count()
}

/// Characters that show nothing: Unicode's default-ignorable code points (zero-width spaces and
/// joiners, direction marks, variation selectors, the BOM, tags…), which make two strings look
/// alike while they differ.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// A one-line field (a name, a draw's name): no control character at all, not even a line
/// break (nor Unicode's line and paragraph separators), and no bidirectional embedding, override
/// or isolate, which would let one name show as another ("Ada\u{202E}nimda"). Nor characters that
/// only make two names differ where they look alike ("Al\u{200B}ice" is not "Alice"): zero-width
/// spaces, word joiners, the BOM, and tags outside a flag. What writing needs stays: zero-width
/// (non-)joiners for emoji and scripts that join letters, direction marks for mixed scripts,
/// variation selectors, and tags that spell a flag (🏴 followed by tags).
pub fn single_line_ok(text: &str) -> bool {
    let mut previous = ' ';
    text.chars().all(|c| {
        let flag_tag = matches!(c, '\u{E0020}'..='\u{E007F}')
            && (previous == '\u{1F3F4}' || matches!(previous, '\u{E0020}'..='\u{E007F}'));
        previous = c;
        !(c.is_control()
            || is_bidi_control(c)
            || matches!(
                c,
                '\u{2028}'
                    | '\u{2029}'
                    | '\u{200B}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{FEFF}'
                    | '\u{FFF9}'..='\u{FFFB}'
            )
            || (matches!(c, '\u{E0000}'..='\u{E0FFF}') && !flag_tag))
    })
}

/// Bidirectional embeddings, overrides and isolates: they reorder the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A multi-line field (wishes, a message): line breaks and tabs are fine, other control
/// characters are not, nor bidirectional overrides and isolates (which can make a wish read
/// differently from what it says).
pub fn multi_line_ok(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_bidi_control(c))
}

/// Text that shows nothing a person could read: white space, invisible characters, letters that
/// are drawn blank (the braille blank, Hangul fillers) and combining marks with nothing to sit on.
/// Whether one `name=value` pair of a query string is a refused form's error as Leptos reads it
/// (`__err`, `__path`), however its name is percent-encoded (`%5F%5Ferr`): only the app's own
/// refusal may put one in an address.
pub fn is_form_error_pair(pair: &str) -> bool {
    let name = pair.split('=').next().unwrap_or_default();
    let bytes = name.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = || std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok();
        match (bytes[i], hex().and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (b'+', _) => {
                decoded.push(b' ');
                i += 1;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    matches!(decoded.as_slice(), b"__err" | b"__path")
}

pub fn looks_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || is_invisible(c)
            || matches!(
                c,
                '\u{2800}'
                    | '\u{3164}'
                    | '\u{115F}'..='\u{1160}'
                    | '\u{FFA0}'
                    | '\u{0300}'..='\u{036F}'
                    | '\u{1AB0}'..='\u{1AFF}'
                    | '\u{1DC0}'..='\u{1DFF}'
                    | '\u{20D0}'..='\u{20FF}'
                    | '\u{FE20}'..='\u{FE2F}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_or_escape_character_is_refused_in_every_kind_of_field() {
        for bad in ["a\0b", "a\u{1b}[31mb", "\u{7f}"] {
            assert!(!single_line_ok(bad), "{bad:?}");
            assert!(!multi_line_ok(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_text_is_counted_trimmed_with_an_emoji_and_a_cr_lf_line_break_one_character_each() {
        assert_eq!(counted_chars("  🎁\r\nab\n c \r\n "), 7);
        assert_eq!(counted_chars(" \r\n "), 0);
    }

    #[test]
    fn a_multi_line_text_is_kept_trimmed_with_one_line_feed_per_break_and_counted_as_kept() {
        assert_eq!(multi_line_text("  🎁\r\nab\n c \r\n "), "🎁\nab\n c");
        // A BOM at either end goes too, as the browser's trim drops it (found from outside: the
        // counter said 10000 / 10000 and the server refused 10001).
        assert_eq!(multi_line_text("\u{FEFF}wish\u{FEFF} "), "wish");
        assert_eq!(counted_chars(&format!("{}\u{FEFF}", "a".repeat(10))), 10);
        assert_eq!(counted_chars(&format!("{}\u{85}", "a".repeat(10))), 11);
        assert!(!multi_line_ok(&multi_line_text("wish\u{85}")));
        for raw in [
            "  🎁\r\nab\n c \r\n ",
            " \r\n ",
            "a\r\r\nb\r",
            "\r\n\r\nx\r\n\r\n",
            "",
        ] {
            assert_eq!(
                counted_chars(raw),
                multi_line_text(raw).chars().count(),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn line_breaks_and_tabs_are_fine_only_in_multi_line_fields() {
        let text = "books\r\n\tpuzzles";
        assert!(multi_line_ok(text));
        assert!(!single_line_ok(text));
    }

    #[test]
    fn a_right_to_left_override_or_a_line_separator_is_refused_in_a_name() {
        for bad in ["Ada\u{202E}nimda", "Ada\u{2028}Bob", "\u{2066}Ada\u{2069}"] {
            assert!(!single_line_ok(bad), "{bad:?}");
        }
        assert!(
            single_line_ok("Zoë \u{200F}אבי"),
            "a right-to-left mark alone is fine"
        );
    }

    #[test]
    fn characters_that_only_make_a_name_differ_from_its_look_alike_are_refused() {
        for bad in [
            "Al\u{200B}ice",
            "\u{FEFF}Bob",
            "Bo\u{2060}b",
            "Bob\u{E0041}",
        ] {
            assert!(!single_line_ok(bad), "{bad:?}");
        }
        for good in [
            "👩\u{200D}👩\u{200D}👧 family",
            "می\u{200C}خواهم",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scot",
            "❤\u{FE0F}",
        ] {
            assert!(single_line_ok(good), "{good:?}");
        }
    }

    #[test]
    fn a_wish_may_break_lines_but_not_reorder_text() {
        assert!(!multi_line_ok("a\u{202E}b"));
        assert!(!multi_line_ok("\u{2066}a\u{2069}"));
        assert!(multi_line_ok("line one\nשלום \u{200F}line two"));
    }

    #[test]
    fn a_name_of_blank_looking_letters_or_lone_accents_looks_blank() {
        for blank in ["\u{2800}", "\u{0301}", " \u{3164} ", "\u{200B}\u{0301}"] {
            assert!(looks_blank(blank), "{blank:?}");
        }
        for name in ["Zoë", "e\u{0301}", "李"] {
            assert!(!looks_blank(name), "{name:?}");
        }
    }

    #[test]
    fn letters_in_any_script_and_emoji_are_ordinary_text() {
        let text = "Zoë 李 أحمد 🎁 Łódź";
        assert!(single_line_ok(text) && multi_line_ok(text));
        assert!(!text.chars().any(is_invisible));
    }

    #[test]
    fn zero_width_spaces_joiners_direction_marks_and_the_bom_are_invisible() {
        for c in [
            '\u{200B}', '\u{200D}', '\u{200E}', '\u{202E}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
        ] {
            assert!(is_invisible(c), "{:?}", c);
        }
    }

    #[test]
    fn a_form_error_in_an_address_is_known_however_its_name_is_encoded() {
        use super::is_form_error_pair;
        for pair in [
            "__err=x",
            "__path=%2Fapi",
            "%5F%5Ferr=x",
            "%5f_err",
            "_%5Fp%61th=y",
            "__err",
        ] {
            assert!(is_form_error_pair(pair), "{pair}");
        }
        for pair in ["__ERR=x", "err=x", "email=__err", "next=%2F", ""] {
            assert!(!is_form_error_pair(pair), "{pair}");
        }
    }
}
