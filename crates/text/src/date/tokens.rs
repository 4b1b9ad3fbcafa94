//! A written date cut into tokens — runs of digits, the words a date may
//! hold, the Chinese units 年月日时分秒 — each with what separated it from the
//! token before. Folded first ([`fold_char`]), so full-width digits and
//! letters, and upper case, read as ASCII. Weekday names and the fillers
//! `t` (as in `2024-03-05T10:00`), `at` and `of`, and ordinal suffixes after a
//! number (`5th`), are dropped. Any other character makes the text not a date.

use std::ops::RangeInclusive;

use super::error::DateError;
use crate::fold::{fold_char, is_space};

/// One piece of a written date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) kind: Kind,
    /// What separated it from the token before.
    pub(super) gap: Gap,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing, or only a dropped word: `5th`, `2024年`, `05T10`.
    None,
    /// Spaces only.
    Space,
    /// Punctuation: the last punctuation character, whatever spaces surround it.
    Mark(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Number(Digits),
    /// A month name or its abbreviation, 1 to 12.
    Month(u32),
    /// `am`, `a`, `a.m.`; `pm`, `p`, `p.m.`.
    Meridiem {
        pm: bool,
    },
    /// `Z`, `UTC`, `GMT`: the zero offset.
    Utc,
    /// A Chinese date or time unit.
    Unit(Unit),
    /// A word a date does not hold: a misspelt month, `due`, …
    Unknown,
}

/// 年 月 日 (号 號), 时 (時 点 點) 分 秒.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// A run of digits, however long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Digits {
    pub(super) len: usize,
    /// The value of the first nine digits: never overflows.
    lead: u32,
}

impl Digits {
    /// The value, when the run has at most nine digits.
    pub(super) fn value(self) -> Option<u32> {
        (self.len <= 9).then_some(self.lead)
    }

    /// The run read as the digits after a decimal point, in billionths
    /// (digits past the ninth are dropped).
    pub(super) fn billionths(self) -> u32 {
        // `lead` has min(len, 9) digits, so the product stays below 10⁹.
        self.lead * 10u32.pow(9 - self.len.min(9) as u32)
    }
}

/// The tokens of `text`; `Err` when it holds a character no date holds.
pub(super) fn tokens(text: &str) -> Result<Vec<Token>, DateError> {
    let chars: Vec<char> = text.chars().map(fold_char).collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut gap = Gap::None;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let kind = if let Some(digit) = c.to_digit(10) {
            let start = i;
            let mut lead = digit;
            i += 1;
            while let Some(digit) = chars.get(i).and_then(|c| c.to_digit(10)) {
                if i - start < 9 {
                    lead = lead * 10 + digit;
                }
                i += 1;
            }
            Some(Kind::Number(Digits { len: i - start, lead }))
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_alphabetic) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if matches!(word.as_str(), "a" | "p") && dotted_m(&chars, i) {
                // `a.m.`, `p.m.`: the `.m` and a final `.` belong to the word.
                i += if chars.get(i + 2) == Some(&'.') { 3 } else { 2 };
                Some(Kind::Meridiem { pm: word == "p" })
            } else {
                let after_number = matches!(tokens.last(), Some(Token { kind: Kind::Number(_), .. }));
                word_kind(&word, after_number)
            }
        } else if let Some(unit) = unit(c) {
            i += 1;
            Some(Kind::Unit(unit))
        } else if is_space(c) {
            i += 1;
            if gap == Gap::None {
                gap = Gap::Space;
            }
            None
        } else if c.is_ascii_punctuation() {
            i += 1;
            gap = Gap::Mark(c);
            None
        } else {
            return Err(DateError::NotADate);
        };
        if let Some(kind) = kind {
            tokens.push(Token { kind, gap });
            gap = Gap::None;
        }
    }
    Ok(tokens)
}

/// Whether `.m` follows at `at`, not followed by more letters.
fn dotted_m(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&'.')
        && chars.get(at + 1) == Some(&'m')
        && !chars.get(at + 2).is_some_and(char::is_ascii_alphabetic)
}

/// What a (folded) word is in a date; `None` for a word that is dropped.
fn word_kind(word: &str, after_number: bool) -> Option<Kind> {
    match word {
        "st" | "nd" | "rd" | "th" if after_number => None,
        "t" | "at" | "of" => None,
        "am" | "a" => Some(Kind::Meridiem { pm: false }),
        "pm" | "p" => Some(Kind::Meridiem { pm: true }),
        "z" | "utc" | "gmt" => Some(Kind::Utc),
        _ => match month(word) {
            Some(month) => Some(Kind::Month(month)),
            None if is_weekday(word) => None,
            None => Some(Kind::Unknown),
        },
    }
}

/// The month a name or abbreviation means: `mar`, `march`, `sept`; at least
/// three letters of the name.
fn month(word: &str) -> Option<u32> {
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
    let at = MONTHS.iter().position(|name| word.len() >= 3 && name.starts_with(word))?;
    u32::try_from(at + 1).ok()
}

/// `tue`, `tues`, `tuesday`: at least three letters of a weekday's name.
fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    word == "weds" || (word.len() >= 3 && DAYS.iter().any(|day| day.starts_with(word)))
}

fn unit(c: char) -> Option<Unit> {
    Some(match c {
        '年' => Unit::Year,
        '月' => Unit::Month,
        '日' | '号' | '號' => Unit::Day,
        '时' | '時' | '点' | '點' => Unit::Hour,
        '分' => Unit::Minute,
        '秒' => Unit::Second,
        _ => return None,
    })
}

/// The digit counts a number may have in a position.
pub(super) const YEAR: RangeInclusive<usize> = 4..=4;
pub(super) const SHORT: RangeInclusive<usize> = 1..=2;
pub(super) const TWO: RangeInclusive<usize> = 2..=2;

/// Reads tokens from the front; each method takes a token only when it is
/// what was asked for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cursor<'a> {
    tokens: &'a [Token],
}

impl<'a> Cursor<'a> {
    pub(super) fn new(tokens: &'a [Token]) -> Self {
        Self { tokens }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The next token, if `accept` takes it, and what it gave.
    fn take<T>(&mut self, accept: impl FnOnce(&Token) -> Option<T>) -> Option<T> {
        let (first, rest) = self.tokens.split_first()?;
        let taken = accept(first)?;
        self.tokens = rest;
        Some(taken)
    }

    /// A number of so many digits.
    pub(super) fn number(&mut self, digits: RangeInclusive<usize>) -> Option<u32> {
        self.take(|t| match t.kind {
            Kind::Number(d) if digits.contains(&d.len) => d.value(),
            _ => None,
        })
    }

    /// A number of so many digits right after one of the punctuation marks `after`.
    pub(super) fn number_after(&mut self, digits: RangeInclusive<usize>, after: &[char]) -> Option<u32> {
        self.take(|t| match (t.kind, t.gap) {
            (Kind::Number(d), Gap::Mark(mark)) if digits.contains(&d.len) && after.contains(&mark) => d.value(),
            _ => None,
        })
    }

    /// A number of any length right after one of the marks `after`.
    pub(super) fn digits_after(&mut self, after: &[char]) -> Option<Digits> {
        self.take(|t| match (t.kind, t.gap) {
            (Kind::Number(d), Gap::Mark(mark)) if after.contains(&mark) => Some(d),
            _ => None,
        })
    }

    /// A signed number: the mark before it is `+` or `-`.
    pub(super) fn signed(&mut self) -> Option<(bool, Digits)> {
        self.take(|t| match (t.kind, t.gap) {
            (Kind::Number(d), Gap::Mark(sign @ ('+' | '-'))) => Some((sign == '-', d)),
            _ => None,
        })
    }

    /// A month name (`Some(month)`), or a word in its place that is not one (`None`).
    pub(super) fn month_word(&mut self) -> Option<Option<u32>> {
        self.take(|t| match t.kind {
            Kind::Month(month) => Some(Some(month)),
            Kind::Unknown => Some(None),
            _ => None,
        })
    }

    pub(super) fn unit(&mut self, unit: Unit) -> Option<()> {
        self.take(|t| (t.kind == Kind::Unit(unit)).then_some(()))
    }

    pub(super) fn meridiem(&mut self) -> Option<bool> {
        self.take(|t| match t.kind {
            Kind::Meridiem { pm } => Some(pm),
            _ => None,
        })
    }

    pub(super) fn utc(&mut self) -> Option<()> {
        self.take(|t| (t.kind == Kind::Utc).then_some(()))
    }

    /// The mark before the next token, if punctuation separated it.
    pub(super) fn next_mark(&self) -> Option<char> {
        match self.tokens.first()?.gap {
            Gap::Mark(mark) => Some(mark),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        tokens(text).map(|t| t.into_iter().map(|t| t.kind).collect()).unwrap_or_default()
    }

    #[test]
    fn digits_words_and_units_are_tokens_with_their_gaps() {
        let tokens = tokens("Tue, 5th Ｍａｒ 2024 2:30 p.m.").unwrap_or_default();
        let gaps: Vec<Gap> = tokens.iter().map(|t| t.gap).collect();
        assert_eq!(gaps, [Gap::Mark(','), Gap::Space, Gap::Space, Gap::Space, Gap::Mark(':'), Gap::Space]);
        assert_eq!(tokens[1].kind, Kind::Month(3));
        assert_eq!(tokens[5].kind, Kind::Meridiem { pm: true });
        assert_eq!(kinds("2024年3月")[1], Kind::Unit(Unit::Year));
        assert_eq!(kinds("5 Smarch"), [Kind::Number(Digits { len: 1, lead: 5 }), Kind::Unknown]);
    }

    #[test]
    fn long_digit_runs_keep_their_length_without_overflowing() {
        let run = "9".repeat(400);
        let [Kind::Number(digits)] = kinds(&run)[..] else { unreachable!("one number") };
        assert_eq!((digits.len, digits.value()), (400, None));
        assert_eq!(digits.billionths(), 999_999_999);
        let [Kind::Number(half)] = kinds("5")[..] else { unreachable!("one number") };
        assert_eq!(half.billionths(), 500_000_000);
    }

    #[test]
    fn characters_no_date_holds_make_it_no_date() {
        assert_eq!(tokens("2024-03-05 😀"), Err(DateError::NotADate));
        assert_eq!(tokens("März 2024"), Err(DateError::NotADate));
    }

    #[test]
    fn month_names_need_three_letters_and_weekdays_are_dropped() {
        assert_eq!(month("sept"), Some(9));
        assert_eq!(month("ma"), None);
        assert_eq!(month("marmalade"), None);
        assert!(is_weekday("thurs") && is_weekday("weds") && !is_weekday("mo"));
        assert_eq!(kinds("Wednesday"), []);
    }
}
