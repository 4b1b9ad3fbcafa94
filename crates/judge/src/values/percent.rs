//! Percentages, as tax rates are written: `19%`, `19 %`, `７％`, `5,5 %`,
//! `0.19`. The result is a fraction, so that `net * rate` is the tax.

use super::ValueError;
use super::number::{compact, signed, unsigned};

const PERCENT: &str = "a percentage";

/// A percentage as a fraction: `19%` and `19 %` are 0.19, so is `0.19`.
/// Without a percent sign, a value above 1 is read as percent points
/// (`19` → 0.19), one up to 1 as the fraction itself.
pub(crate) fn parse_percent(text: &str) -> Result<f64, ValueError> {
    let error = || ValueError::new(text, PERCENT);
    let compacted = compact(text);
    let (negative, digits) = signed(&compacted, false).ok_or_else(error)?;
    let (digits, scale) = match digits.strip_suffix('%') {
        Some(rest) => (rest.to_owned(), 100.0),
        None => match digits.strip_suffix('‰') {
            Some(rest) => (rest.to_owned(), 1000.0),
            None => (digits.clone(), 1.0),
        },
    };
    let value = unsigned(&digits).ok_or_else(error)?;
    let fraction = if scale > 1.0 {
        value / scale
    } else if value > 1.0 {
        value / 100.0
    } else {
        value
    };
    Ok(if negative { -fraction } else { fraction })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_become_fractions() {
        assert_eq!(parse_percent("19%"), Ok(0.19));
        assert_eq!(parse_percent("13 %"), Ok(0.13));
        assert_eq!(parse_percent("0.19"), Ok(0.19));
        assert_eq!(parse_percent("19"), Ok(0.19));
        assert_eq!(parse_percent("７％"), Ok(0.07));
        assert_eq!(parse_percent("5,5 %"), Ok(0.055));
        assert!(parse_percent("nineteen").is_err());
    }
}
