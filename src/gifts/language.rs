//! The language gift ideas are written in.

/// A language for the ideas from an `Accept-Language` header: the first tag's language name when
/// known, else English.
pub fn language_from_header(header: Option<&str>) -> &'static str {
    let tag = header
        .and_then(|h| h.split(',').next())
        .map(|t| {
            t.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let primary = tag.split('-').next().unwrap_or("");
    match primary {
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pl" => "Polish",
        "nl" => "Dutch",
        "pt" => "Portuguese",
        "sv" => "Swedish",
        "da" => "Danish",
        "nb" | "no" | "nn" => "Norwegian",
        "fi" => "Finnish",
        "cs" => "Czech",
        _ => "English",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_follows_the_browser_and_defaults_to_english() {
        assert_eq!(
            language_from_header(Some("de-CH,de;q=0.9,en;q=0.8")),
            "German"
        );
        assert_eq!(language_from_header(Some("pl")), "Polish");
        assert_eq!(language_from_header(Some("tlh")), "English");
        assert_eq!(language_from_header(None), "English");
    }
}
