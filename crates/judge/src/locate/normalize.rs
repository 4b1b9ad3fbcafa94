//! The lenient form quotes and sources are compared in when they do not
//! match as written: whitespace removed, full-width characters read as
//! half-width, ASCII case ignored, thousands separators inside numbers
//! dropped (`1,234.50`, `1'234.50` and `1 234.50` all read `1234.50`). Every
//! kept character remembers where it came from, so a match maps back to a
//! span of the original text.

use docreview_text::fold::{fold_char, is_space};

/// A text in lenient form, with the source position of each character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Normalized {
    chars: Vec<char>,
    /// For each kept character, its index among the original's characters.
    origin: Vec<usize>,
}

impl Normalized {
    pub(crate) fn new(text: &str) -> Self {
        let original: Vec<char> = text.chars().collect();
        let mut chars = Vec::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (i, &c) in original.iter().enumerate() {
            let c = fold_char(c);
            if is_space(c) || is_thousands_separator(&original, i) {
                continue;
            }
            chars.push(c);
            origin.push(i);
        }
        Normalized { chars, origin }
    }

    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Whether both read the same.
    pub(crate) fn same_as(&self, other: &Normalized) -> bool {
        self.chars == other.chars
    }

    /// The first occurrence of `needle` at or after original character
    /// `from`, as a range of original characters (end exclusive).
    pub(crate) fn find(&self, needle: &Normalized, from: usize) -> Option<(usize, usize)> {
        if needle.is_empty() || needle.len() > self.len() {
            return None;
        }
        let start = self.origin.iter().position(|&o| o >= from)?;
        (start..=self.len() - needle.len())
            .find(|&s| self.chars[s..s + needle.len()] == needle.chars[..])
            .map(|s| (self.origin[s], self.origin[s + needle.len() - 1] + 1))
    }
}

/// A `,`, `'`, `’` or thin space between a digit and exactly three digits.
fn is_thousands_separator(chars: &[char], at: usize) -> bool {
    let digit = |i: usize| chars.get(i).is_some_and(|c| fold_char(*c).is_ascii_digit());
    matches!(fold_char(chars[at]), ',' | '\'' | '’' | '\u{202F}' | '\u{2009}')
        && at > 0
        && digit(at - 1)
        && (1..=3).all(|k| digit(at + k))
        && !digit(at + 4)
}

/// The characters `start..end` of `text`.
pub(crate) fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// The first occurrence of `needle` in `haystack` at or after character
/// `from`, as written, in characters.
pub(crate) fn find_exact(haystack: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let byte_from = haystack.char_indices().nth(from).map_or(haystack.len(), |(b, _)| b);
    let at = haystack[byte_from..].find(needle)? + byte_from;
    let start = haystack[..at].chars().count();
    Some((start, start + needle.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(haystack: &str, needle: &str) -> Option<String> {
        Normalized::new(haystack).find(&Normalized::new(needle), 0).map(|(s, e)| char_slice(haystack, s, e))
    }

    #[test]
    fn spacing_width_case_and_thousands_are_ignored() {
        assert_eq!(found("Total: EUR 1,234.50 due", "eur 1234.50"), Some("EUR 1,234.50".into()));
        assert_eq!(found("合计：１，２３４．５０元", "1,234.50"), Some("１，２３４．５０".into()));
        assert_eq!(found("Northwind  Traders GmbH", "northwind traders"), Some("Northwind  Traders".into()));
        assert_eq!(found("CHF 1'234.50", "1234.50"), Some("1'234.50".into()));
    }

    #[test]
    fn commas_that_are_not_thousands_separators_stay() {
        assert_eq!(found("2, 3 and 4", "23"), None);
        assert_eq!(found("946,05 €", "94605"), None);
    }

    #[test]
    fn exact_search_counts_code_points() {
        assert_eq!(find_exact("税额 151.05; 151.05", "151.05", 0), Some((3, 9)));
        assert_eq!(find_exact("税额 151.05; 151.05", "151.05", 4), Some((11, 17)));
        assert_eq!(find_exact("abc", "", 0), None);
    }
}
