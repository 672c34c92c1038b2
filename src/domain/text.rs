//! Characters a person cannot see or type on purpose. Control characters (NUL above all) never
//! reach the database: PostgreSQL refuses NUL in text, and the others only hide what a field says.

/// What a field says when its text has a character nobody can see.
pub const CONTROL_CHARACTER_MESSAGE: &str =
    "Remove the invisible or control characters from this text (they may come from a copy and paste).";

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
/// or isolate, which would let one name show as another ("Ada\u{202E}nimda").
pub fn single_line_ok(text: &str) -> bool {
    !text.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// A multi-line field (wishes, a message): line breaks and tabs are fine, other control
/// characters are not.
pub fn multi_line_ok(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
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
}
