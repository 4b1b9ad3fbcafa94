//! The `datetime` transform: read a date (and optional time) written in one of
//! the common ways, and write it in the configured Java-style pattern.
//!
//! Read forms: `2024-03-05`, `2024/3/5`, `2024.03.05`, `2024年3月5日`,
//! `20240305`, `05.03.2024` and `05-03-2024` (day first), `3/5/2024` (month
//! first, as in the US, unless the first number cannot be a month),
//! `5 March 2024`, `5th Mar 2024`, `March 5, 2024`, `2024 Mar 5`, each
//! optionally followed by `14:30`, `14:30:15`, `2:30 pm` or `14时30分`.
//! Weekday names are ignored. Anything else in the value makes it a mismatch:
//! a value that merely contains a date is not silently rewritten. Two-digit
//! years are not read, they are too ambiguous.

use super::date_format::{DateTime, render};
use crate::normalize::fold_char;

/// The value in `format`, or `None` when it is not a date we can read.
pub(crate) fn convert(value: &str, format: &str) -> Option<String> {
    parse(value).map(|dt| render(&dt, format))
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A number, its digit count and the separator before it.
    Num(u32, usize, char),
    Month(u32),
    Meridiem(bool),
}

pub(crate) fn parse(value: &str) -> Option<DateTime> {
    let tokens = tokenize(value)?;
    let (date, rest) = date(&tokens)?;
    let (hour, minute, second) = time(rest)?;
    let (year, month, day) = date;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(DateTime { year, month, day, hour, minute, second })
}

fn tokenize(value: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = value.chars().map(fold_char).collect();
    let mut tokens = Vec::new();
    let mut sep = ' ';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            tokens.push(Token::Num(digits.parse().ok()?, digits.len(), sep));
            sep = ' ';
        } else if c.is_ascii_alphabetic() {
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if let Some(token) = word_token(&word, tokens.last())? {
                tokens.push(token);
            }
        } else {
            i += 1;
            sep = match c {
                '年' | '月' => '-',
                '时' | '点' | '分' => ':',
                '日' | '号' | '秒' => ' ',
                c if c.is_whitespace() || c.is_ascii_punctuation() => {
                    if c == ' ' && sep != ' ' {
                        sep
                    } else {
                        c
                    }
                }
                _ => return None,
            };
        }
    }
    Some(tokens)
}

/// What a word means next to the token before it; `Err`-like `None` when it
/// is not part of a date, `Some(None)` when it is noise to skip.
fn word_token(word: &str, previous: Option<&Token>) -> Option<Option<Token>> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let after_number = matches!(previous, Some(Token::Num(..)));
    match word {
        "st" | "nd" | "rd" | "th" if after_number => Some(None),
        "t" | "at" | "of" => Some(None),
        "am" | "a" => Some(Some(Token::Meridiem(false))),
        "pm" | "p" => Some(Some(Token::Meridiem(true))),
        _ if word.len() >= 3 => {
            let prefix = &word[..3];
            if let Some(m) = MONTHS.iter().position(|m| *m == prefix).filter(|_| month_name_ok(word)) {
                return Some(Some(Token::Month(m as u32 + 1)));
            }
            WEEKDAYS.contains(&prefix).then_some(None)
        }
        _ => None,
    }
}

/// "mar" and "march" are months; "marmalade" is not.
fn month_name_ok(word: &str) -> bool {
    const FULL: [&str; 12] = [
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
    word.len() == 3 || FULL.contains(&word) || word == "sept"
}

type Ymd = (i32, u32, u32);

fn date(tokens: &[Token]) -> Option<(Ymd, &[Token])> {
    use Token::{Month as M, Num as N};
    let year = |v: u32| i32::try_from(v).ok();
    let (ymd, used) = match tokens {
        [N(v, 8, _), ..] => ((year(v / 10000)?, v / 100 % 100, v % 100), 1),
        [N(y, 4, _), N(m, 1..=2, _), N(d, 1..=2, _), ..] => ((year(*y)?, *m, *d), 3),
        [N(a, 1..=2, _), N(b, 1..=2, sep), N(y, 4, _), ..] => {
            let month_first = if *sep == '/' { *a <= 12 } else { *b > 12 };
            let (m, d) = if month_first { (*a, *b) } else { (*b, *a) };
            ((year(*y)?, m, d), 3)
        }
        [N(d, 1..=2, _), M(m), N(y, 4, _), ..] => ((year(*y)?, *m, *d), 3),
        [M(m), N(d, 1..=2, _), N(y, 4, _), ..] => ((year(*y)?, *m, *d), 3),
        [N(y, 4, _), M(m), N(d, 1..=2, _), ..] => ((year(*y)?, *m, *d), 3),
        _ => return None,
    };
    Some((ymd, &tokens[used..]))
}

/// The optional time after a date: `H:mm`, `H:mm:ss`, with `am`/`pm`.
fn time(tokens: &[Token]) -> Option<(u32, u32, u32)> {
    use Token::{Meridiem, Num as N};
    let (mut hour, minute, second, rest) = match tokens {
        [] => return Some((0, 0, 0)),
        [N(h, 1..=2, _), N(m, 2, ':'), N(s, 2, ':'), rest @ ..] => (*h, *m, *s, rest),
        [N(h, 1..=2, _), N(m, 2, ':'), rest @ ..] => (*h, *m, 0, rest),
        _ => return None,
    };
    match rest {
        [] => {}
        [Meridiem(pm)] if (1..=12).contains(&hour) => hour = hour % 12 + if *pm { 12 } else { 0 },
        _ => return None,
    }
    (hour < 24 && minute < 60 && second < 60).then_some((hour, minute, second))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(value: &str) -> Option<String> {
        convert(value, "yyyy-MM-dd")
    }

    #[test]
    fn numeric_forms() {
        for v in ["2024-03-05", "2024/3/5", "2024.03.05", "20240305", "05.03.2024", "05-03-2024", "3/5/2024"] {
            assert_eq!(ymd(v).as_deref(), Some("2024-03-05"), "{v}");
        }
        // The first number cannot be a month, so it is the day.
        assert_eq!(ymd("25/3/2024").as_deref(), Some("2024-03-25"));
        assert_eq!(ymd("03.25.2024").as_deref(), Some("2024-03-25"));
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(ymd("2024年3月5日").as_deref(), Some("2024-03-05"));
        assert_eq!(ymd("２０２４年０３月０５日").as_deref(), Some("2024-03-05"));
        assert_eq!(convert("2024年3月5日 14时30分", "yyyy/MM/dd HH:mm").as_deref(), Some("2024/03/05 14:30"));
    }

    #[test]
    fn written_months() {
        for v in ["5 March 2024", "5th Mar 2024", "March 5, 2024", "Mar 5, 2024", "Tue, 5 Mar 2024", "2024 Mar 5"] {
            assert_eq!(ymd(v).as_deref(), Some("2024-03-05"), "{v}");
        }
    }

    #[test]
    fn times() {
        let full = "yyyy-MM-dd HH:mm:ss";
        assert_eq!(convert("2024-03-05T14:30:15", full).as_deref(), Some("2024-03-05 14:30:15"));
        assert_eq!(convert("Mar 5, 2024 2:30 pm", full).as_deref(), Some("2024-03-05 14:30:00"));
        assert_eq!(convert("2024-03-05 12:05 am", full).as_deref(), Some("2024-03-05 00:05:00"));
        assert_eq!(convert("2024-03-05", full).as_deref(), Some("2024-03-05 00:00:00"));
    }

    #[test]
    fn non_dates_do_not_match() {
        for v in ["", "soon", "2024-02-30", "2024-13-01", "5 Marmalade 2024", "2024-03-05 due", "05.03.24", "25:00"] {
            assert_eq!(ymd(v), None, "{v}");
        }
        assert_eq!(ymd("2023-02-29"), None);
        assert_eq!(ymd("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(convert("2024-03-05 24:00", "yyyy"), None);
    }
}
