//! The language gift ideas are written in: the page's, which the request's language decides
//! (the person's choice, then the browser's `Accept-Language`, then English — see `crate::i18n`).
//! The wishes may be written in any language; the ideas follow the page, not the wishes.

use crate::i18n::Lang;

/// The language's name as the prompt tells the provider to write in it.
pub fn prompt_language(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Pl => "Polish",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_app_has_a_name_for_the_prompt() {
        assert_eq!(prompt_language(Lang::En), "English");
        assert_eq!(prompt_language(Lang::Pl), "Polish");
    }
}
