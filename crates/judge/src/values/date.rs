//! Calendar dates as documents write them, read as a day number (days since
//! 1970-01-01) so that rules compare and subtract them as integers.
//!
//! Accepted: `2024-03-05`, `2024/3/5`, `2024.03.05`, `20240305`,
//! `05.03.2024` and `05-03-2024` (day first), `5 March 2024`, `5th Mar 2024`,
//! `March 5, 2024`, `Tue, 5 Mar 2024`, `2024年3月5日`; a time after the date
//! (`2024-03-05T10:00:00Z`, `2024-03-05 10:00`) is ignored. With slashes and the
//! year last, the day and month are told apart when one of them is above 12
//! (`31/01/2024`, `01/31/2024`); `03/05/2024` is refused as ambiguous.

use super::ValueError;
use super::fold::half_width;

const DATE: &str = "a date";

/// The day number of a written date.
pub(crate) fn parse_date(text: &str) -> Result<i64, ValueError> {
    let error = || ValueError::new(text, DATE);
    let folded: String = text.chars().map(half_width).collect();
    let date = without_time(folded.trim());
    let (year, month, day) = if date.contains('年') {
        chinese(date).ok_or_else(error)?
    } else if date.len() == 8 && date.chars().all(|c| c.is_ascii_digit()) {
        let part = |r: std::ops::Range<usize>| date[r].parse::<i64>().ok();
        (part(0..4).ok_or_else(error)?, part(4..6).ok_or_else(error)?, part(6..8).ok_or_else(error)?)
    } else {
        western(date).map_err(|detail| match detail {
            Some(detail) => error().because(detail),
            None => error(),
        })?
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(error().because("no such day in the calendar"));
    }
    Ok(days_from_civil(year, month, day))
}

/// The date part of a date and time: everything before the last space or
/// `T` that precedes the first colon.
fn without_time(text: &str) -> &str {
    let Some(colon) = text.find(':') else { return text };
    match text[..colon].rfind([' ', 'T']) {
        Some(cut) => text[..cut].trim_end(),
        None => text,
    }
}

/// `2024年3月5日` (the `日` or `号` may be missing).
fn chinese(text: &str) -> Option<(i64, i64, i64)> {
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.trim_end_matches(['日', '号', '號']);
    Some((year.trim().parse().ok()?, month.trim().parse().ok()?, day.trim().parse().ok()?))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Number(&'a str),
    Word(&'a str),
}

/// Numeric and named-month forms. `Err(Some(_))` carries a reason.
fn western(text: &str) -> Result<(i64, i64, i64), Option<&'static str>> {
    let (tokens, separators) = tokens(text);
    let number = |t: &str| t.parse::<i64>().map_err(|_| None);
    match tokens.as_slice() {
        [Token::Number(y), Token::Number(m), Token::Number(d)] if y.len() == 4 => {
            Ok((number(y)?, number(m)?, number(d)?))
        }
        [Token::Number(a), Token::Number(b), Token::Number(y)] if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            let (a, b, year) = (number(a)?, number(b)?, number(y)?);
            if !separators.contains(&'/') || a > 12 || a == b {
                Ok((year, b, a))
            } else if b > 12 {
                Ok((year, a, b))
            } else {
                Err(Some("day and month are ambiguous; write the year first"))
            }
        }
        [Token::Number(d), Token::Word(m), Token::Number(y)] | [Token::Word(m), Token::Number(d), Token::Number(y)]
            if y.len() == 4 =>
        {
            Ok((number(y)?, month(m).ok_or(Some("unknown month name"))?, number(d)?))
        }
        [Token::Number(y), Token::Word(m), Token::Number(d)] if y.len() == 4 => {
            Ok((number(y)?, month(m).ok_or(Some("unknown month name"))?, number(d)?))
        }
        _ => Err(None),
    }
}

/// Runs of digits and of letters, without weekday names and ordinal suffixes
/// (`5th`); and the separators met between them.
fn tokens(text: &str) -> (Vec<Token<'_>>, Vec<char>) {
    let mut tokens = Vec::new();
    let mut separators = Vec::new();
    let mut start = None;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in bytes.iter().enumerate() {
        let kind = |c: char| {
            if c.is_ascii_digit() {
                1
            } else if c.is_alphabetic() {
                2
            } else {
                0
            }
        };
        if kind(c) == 0 {
            separators.push(c);
            continue;
        }
        let begin = *start.get_or_insert(at);
        let next = bytes.get(i + 1).map(|&(_, n)| kind(n));
        if next != Some(kind(c)) {
            let end = at + c.len_utf8();
            let token = &text[begin..end];
            let after_number = matches!(tokens.last(), Some(Token::Number(_))) && next.is_none_or(|n| n != 1);
            let ordinal = matches!(token.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th") && after_number;
            if kind(c) == 1 {
                tokens.push(Token::Number(token));
            } else if !ordinal && !is_weekday(token) {
                tokens.push(Token::Word(token));
            }
            start = None;
        }
    }
    (tokens, separators)
}

fn month(word: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    let word = if word == "sept" { "sep".to_owned() } else { word };
    MONTHS.iter().position(|m| word.len() >= 3 && m.starts_with(&word)).map(|i| i as i64 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let word = word.to_lowercase();
    word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&word))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARCH_5_2024: i64 = 19_787;

    #[test]
    fn the_day_number_counts_from_1970() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 3, 5), MARCH_5_2024);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn every_written_form_of_one_day_reads_the_same() {
        for text in [
            "2024-03-05",
            "2024/3/5",
            "2024.03.05",
            "05.03.2024",
            "05-03-2024",
            "5 March 2024",
            "5th March 2024",
            "Mar 5, 2024",
            "March 5th, 2024",
            "Tue, 5 Mar 2024",
            "2024年3月5日",
            "２０２４年３月５日",
            "20240305",
            "2024-03-05T10:00:00Z",
            "2024-03-05 10:00",
            "05/03/2024",
        ] {
            let expected = if text == "05/03/2024" { Err(()) } else { Ok(MARCH_5_2024) };
            assert_eq!(parse_date(text).map_err(|_| ()), expected, "{text}");
        }
    }

    #[test]
    fn slashes_with_the_year_last_need_a_day_above_12() {
        assert_eq!(parse_date("31/01/2024"), Ok(days_from_civil(2024, 1, 31)));
        assert_eq!(parse_date("01/31/2024"), Ok(days_from_civil(2024, 1, 31)));
        let error = parse_date("03/05/2024").expect_err("ambiguous");
        assert!(error.to_string().contains("ambiguous"), "{error}");
    }

    #[test]
    fn impossible_and_unreadable_dates_are_errors() {
        assert!(parse_date("2023-02-29").is_err());
        assert_eq!(parse_date("2024-02-29"), Ok(days_from_civil(2024, 2, 29)));
        for text in ["", "soon", "2024-13-01", "5 Smarch 2024", "12345"] {
            let error = parse_date(text).expect_err(text);
            assert!(error.to_string().contains("date"), "{text}: {error}");
        }
    }
}
