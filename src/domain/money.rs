//! Amounts of money as people type them ("25", "25.50") and as the database keeps them (minor
//! units).

/// The currencies a budget can be in.
pub const CURRENCIES: [&str; 8] = ["EUR", "USD", "GBP", "PLN", "CHF", "SEK", "CAD", "AUD"];

/// "25", "25.5", "25.50", "1,000.00"-free: digits with at most two decimals → minor units.
pub fn parse_amount(raw: &str) -> Option<i64> {
    // Thousands grouped with spaces, as Polish writes them ("1 000", "1 000,50"; also the
    // non-breaking and narrow spaces the pages themselves show) read as the digits they group.
    let raw: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let raw = raw.as_str();
    let (whole, frac) = raw.split_once(['.', ',']).unwrap_or((raw, ""));
    if whole.is_empty() || whole.len() > 9 || frac.len() > 2 {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

/// Minor units back to the amount people type ("25" or "25.50").
pub fn format_amount(minor: i64) -> String {
    if minor % 100 == 0 {
        format!("{}", minor / 100)
    } else {
        format!("{}.{:02}", minor / 100, minor % 100)
    }
}
