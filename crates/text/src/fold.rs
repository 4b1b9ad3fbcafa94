//! Character folding: full-width forms (common in Chinese and Japanese
//! documents: `１２３．４５`, `Ｉｎｖｏｉｃｅ：`) read as their ASCII
//! counterparts, case is ignored, and the many Unicode spaces are one kind
//! of space. Folding is per character, so positions in folded text map one
//! to one back to the original.

/// The half-width form of a full-width ASCII character or ideographic space;
/// other characters unchanged.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether a character separates words: Unicode whitespace, including the
/// no-break and thin spaces used as thousands separators.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{200B}' | '\u{FEFF}')
}

/// Half-width and lower-case, for comparisons that ignore case and width.
/// One character in, one out.
pub fn fold_char(c: char) -> char {
    let c = half_width(c);
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// A string folded with [`fold_char`].
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_punctuation_read_as_ascii() {
        let folded: String = "１，２３４．５０　ＥＵＲ".chars().map(half_width).collect();
        assert_eq!(folded, "1,234.50 EUR");
    }

    #[test]
    fn folding_ignores_case_and_width_and_keeps_other_scripts() {
        assert_eq!(fold("Ｇｏｖｅｒｎｉｎｇ Law 德国"), "governing law 德国");
        assert_eq!(fold("Ｉｎｖｏｉｃｅ　Ｎｏ．："), "invoice no.:");
    }

    #[test]
    fn folding_keeps_the_number_of_characters() {
        for text in ["ÀÉÎ İstanbul", "ẞ straße", "Ｆｕｌｌ ｗｉｄｔｈ", "日本語"] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn thin_and_no_break_spaces_are_spaces() {
        assert!(is_space('\u{202F}') && is_space('\u{00A0}') && is_space(' ') && is_space('\u{3000}'));
        assert!(!is_space(','));
    }
}
