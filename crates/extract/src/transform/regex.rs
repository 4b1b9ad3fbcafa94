//! The `regex` transform: when the pattern matches, the value becomes the
//! replacement with `$1`-style groups filled from the first match (an empty
//! replacement keeps the matched text). Patterns come from users, so their
//! compiled size is capped.

use docreview_wire::category::RegexSettings;
use regex::{Regex, RegexBuilder};

/// Plenty for field patterns, small enough that a pathological one fails fast.
const SIZE_LIMIT: usize = 1 << 20;

pub(crate) fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern).size_limit(SIZE_LIMIT).build().map_err(|e| format!("invalid regex: {e}"))
}

/// The rewritten value, or `None` when the pattern does not match (or cannot
/// be compiled, which `check` reports when the settings are saved).
pub(crate) fn apply(value: &str, settings: &RegexSettings) -> Option<String> {
    let regex = compile(&settings.pattern).ok()?;
    let captures = regex.captures(value)?;
    if settings.replace.is_empty() {
        return captures.get(0).map(|m| m.as_str().to_owned());
    }
    let mut out = String::new();
    captures.expand(&settings.replace, &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pattern: &str, replace: &str) -> RegexSettings {
        RegexSettings { pattern: pattern.into(), replace: replace.into() }
    }

    #[test]
    fn groups_fill_the_replacement() {
        assert_eq!(apply("2024-03", &settings(r"^(\d{4})-(\d{2})$", "$1/$2")), Some("2024/03".into()));
        assert_eq!(apply("EUR 946.05", &settings(r"([\d.,]+)", "${1} EUR")), Some("946.05 EUR".into()));
    }

    #[test]
    fn an_empty_replacement_keeps_the_match() {
        assert_eq!(apply("Total 946.05 EUR", &settings(r"[\d.]+", "")), Some("946.05".into()));
    }

    #[test]
    fn no_match_or_a_broken_pattern_is_a_mismatch() {
        assert_eq!(apply("abc", &settings(r"^\d+$", "$0")), None);
        assert_eq!(apply("abc", &settings(r"(", "$0")), None);
    }
}
