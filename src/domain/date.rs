//! Calendar dates as the forms send them.

/// Why a typed date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadDate {
    /// Not a calendar date written YYYY-MM-DD.
    NotADate,
    /// A real date, before the year 2000.
    TooEarly,
}

/// A calendar date as YYYY-MM-DD, from the year 2000 on.
pub fn parse_date(raw: &str) -> Result<String, BadDate> {
    let raw = raw.trim();
    let parts: Vec<&str> = raw.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(BadDate::NotADate);
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(BadDate::NotADate);
    }
    let number = |part: &str| {
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse::<u32>().ok())
            .flatten()
            .ok_or(BadDate::NotADate)
    };
    let (y, m, d) = (number(y)?, number(m)?, number(d)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(BadDate::NotADate),
    };
    if !(1..=days).contains(&d) {
        Err(BadDate::NotADate)
    } else if y < 2000 {
        Err(BadDate::TooEarly)
    } else {
        Ok(raw.to_string())
    }
}
