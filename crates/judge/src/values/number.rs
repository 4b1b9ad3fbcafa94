//! Numbers as documents write them: thousands separators of either
//! convention (`1,234.50`, `1.234,50`, `1 234,50`, `1'234.50`), signs written
//! as `-`, `−`, a trailing minus or accounting parentheses, full-width
//! digits; and amounts of money with a currency symbol or code on either
//! side.
//!
//! When only one kind of separator appears, a single one followed by exactly
//! three digits (`1,234`, `1.234`) is read as a thousands separator only for
//! a comma: `1.234` stays one point two three four, as in most data exports.

use docreview_text::fold::{half_width, is_space};

use super::ValueError;
use super::chinese::{looks_chinese, parse_chinese_amount};

const NUMBER: &str = "a number";
const MONEY: &str = "a money amount";

/// Currency words and symbols stripped from either end of an amount, longest
/// first so that `US$` goes before `$`.
const CURRENCIES: &[&str] = &[
    "人民币",
    "US$",
    "HK$",
    "NT$",
    "A$",
    "C$",
    "S$",
    "R$",
    "RMB",
    "CNY",
    "EUR",
    "USD",
    "GBP",
    "JPY",
    "CHF",
    "HKD",
    "€",
    "$",
    "£",
    "¥",
    "￥",
    "₩",
    "₹",
    "₽",
    "元",
    "圆",
    "円",
    "整",
    "正",
];

/// A plain number: `1,234.5`, `-12`, `(3.00)`, `１２`.
pub(crate) fn parse_number(text: &str) -> Result<f64, ValueError> {
    let error = || ValueError::new(text, NUMBER);
    let (negative, digits) = signed(&compact(text), false).ok_or_else(error)?;
    if digits.contains('%') {
        return Err(error().because("a percentage: read it with percent()"));
    }
    let value = unsigned(&digits).ok_or_else(error)?;
    Ok(if negative { -value } else { value })
}

/// An amount of money, with or without a currency: `¥1,234.50`, `EUR 946.05`,
/// `1.234,50 €`, `(123.00)`, `1,234.5元`, `人民币壹仟贰佰叁拾肆元伍角整`.
pub(crate) fn parse_money(text: &str) -> Result<f64, ValueError> {
    let error = || ValueError::new(text, MONEY);
    let compacted = compact(text);
    if looks_chinese(&compacted) {
        return parse_chinese_amount(&compacted).ok_or_else(error);
    }
    let (negative, digits) = signed(&compacted, true).ok_or_else(error)?;
    let value = unsigned(&digits).ok_or_else(|| {
        if digits.chars().any(|c| c.is_ascii_digit()) { error() } else { error().because("no digits") }
    })?;
    Ok(if negative { -value } else { value })
}

/// Half-width, without spaces or apostrophes (Swiss thousands separators).
pub(super) fn compact(text: &str) -> String {
    text.chars().map(half_width).filter(|&c| !is_space(c) && !matches!(c, '\'' | '’')).collect()
}

/// Strips the sign markers (and, for money, currencies) around the digits.
/// `None` when signs contradict or repeat.
pub(super) fn signed(text: &str, money: bool) -> Option<(bool, String)> {
    let mut rest = text;
    let mut negative = false;
    loop {
        let before = rest.len();
        if money {
            rest = strip_currency(rest);
        }
        let unsigned = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .or_else(|| rest.strip_prefix(['-', '−']))
            .or_else(|| rest.strip_suffix(['-', '−']));
        if let Some(inner) = unsigned {
            if negative {
                return None;
            }
            negative = true;
            rest = inner;
        } else if let Some(inner) = rest.strip_prefix('+') {
            rest = inner;
        }
        if rest.len() == before {
            return Some((negative, rest.to_owned()));
        }
    }
}

fn strip_currency(text: &str) -> &str {
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '-' | '+' | '.' | ','));
    if digit(text.chars().next()) && digit(text.chars().next_back()) {
        return text;
    }
    for currency in CURRENCIES {
        if text.get(..currency.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(currency)) {
            return &text[currency.len()..];
        }
        if let Some(start) = text.len().checked_sub(currency.len())
            && text.is_char_boundary(start)
            && text[start..].eq_ignore_ascii_case(currency)
        {
            return &text[..start];
        }
    }
    text
}

/// Digits with separators, no sign: which separator is the decimal one is
/// decided by the rules in the module documentation.
pub(super) fn unsigned(text: &str) -> Option<f64> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    let last_comma = text.rfind(',');
    let last_dot = text.rfind('.');
    let (thousands, decimal) = match (last_comma, last_dot) {
        (Some(c), Some(d)) => {
            if c > d {
                ('.', Some(c))
            } else {
                (',', Some(d))
            }
        }
        (Some(c), None) => {
            let commas = text.matches(',').count();
            let after = text.len() - c - 1;
            let lead = &text[..c];
            if commas > 1 || (after == 3 && !lead.is_empty() && !lead.starts_with('0')) {
                (',', None)
            } else {
                ('.', Some(c))
            }
        }
        (None, Some(d)) => {
            if text.matches('.').count() > 1 {
                ('.', None)
            } else {
                (',', Some(d))
            }
        }
        (None, None) => (',', None),
    };
    let (whole, fraction) = match decimal {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    if !fraction.chars().all(|c| c.is_ascii_digit()) || (decimal.is_some() && fraction.is_empty()) {
        return None;
    }
    let whole = grouped(whole, thousands)?;
    let mut plain = whole;
    if decimal.is_some() {
        plain.push('.');
        plain.push_str(fraction);
    }
    plain.parse().ok()
}

/// The digits of an integer part whose groups of three are separated by
/// `separator`; `None` when the groups are uneven.
fn grouped(whole: &str, separator: char) -> Option<String> {
    if !whole.contains(separator) {
        return (whole.chars().all(|c| c.is_ascii_digit()) && !whole.is_empty()).then(|| whole.to_owned());
    }
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    digits.chars().all(|c| c.is_ascii_digit()).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> f64 {
        parse_money(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn money_reads_symbols_and_codes_on_either_side() {
        assert_eq!(money("¥1,234.50"), 1234.5);
        assert_eq!(money("€946.05"), 946.05);
        assert_eq!(money("EUR 946.05"), 946.05);
        assert_eq!(money("946.05 EUR"), 946.05);
        assert_eq!(money("US$ 12"), 12.0);
        assert_eq!(money("1,234.5元"), 1234.5);
        assert_eq!(money("￥１，２３４．５０"), 1234.5);
    }

    #[test]
    fn money_reads_european_and_spaced_thousands() {
        assert_eq!(money("1.234,50"), 1234.5);
        assert_eq!(money("1.234.567,89 €"), 1_234_567.89);
        assert_eq!(money("1 234,50"), 1234.5);
        assert_eq!(money("1\u{202F}234,50"), 1234.5);
        assert_eq!(money("CHF 1'234.50"), 1234.5);
        assert_eq!(money("946,05"), 946.05);
    }

    #[test]
    fn money_reads_negative_forms() {
        assert_eq!(money("(123.00)"), -123.0);
        assert_eq!(money("-€5.00"), -5.0);
        assert_eq!(money("€-5.00"), -5.0);
        assert_eq!(money("(EUR 5)"), -5.0);
        assert_eq!(money("5.00-"), -5.0);
        assert_eq!(money("−5"), -5.0);
    }

    #[test]
    fn money_reads_chinese_capital_amounts() {
        assert_eq!(money("人民币壹仟贰佰叁拾肆元伍角整"), 1234.5);
    }

    #[test]
    fn a_single_comma_before_three_digits_groups_thousands() {
        assert_eq!(parse_number("1,234"), Ok(1234.0));
        assert_eq!(parse_number("0,125"), Ok(0.125));
        assert_eq!(parse_number("1.234"), Ok(1.234));
    }

    #[test]
    fn text_that_is_not_money_is_an_error_naming_it() {
        for text in ["N/A", "", "12.34.5,6,7", "1,23,456", "--5", "(5", "12abc", "EUR"] {
            let error = parse_money(text).expect_err(text);
            assert!(error.to_string().contains("not a money amount"), "{text}: {error}");
        }
        assert_eq!(
            parse_money("N/A").map_err(|e| e.to_string()),
            Err(r#""N/A" is not a money amount (no digits)"#.into())
        );
    }

    #[test]
    fn numbers_take_no_currency_and_point_percentages_to_percent() {
        assert_eq!(parse_number("-12"), Ok(-12.0));
        assert!(parse_number("€5").is_err());
        let error = parse_number("19%").expect_err("a percentage");
        assert!(error.to_string().contains("percent()"), "{error}");
    }
}
