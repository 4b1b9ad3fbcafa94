//! Text folding shared by classification, label matching and transforms:
//! full-width ASCII (common in Chinese documents: `Ｉｎｖｏｉｃｅ：`) is read as
//! half-width, case is ignored and, where asked, whitespace is dropped. Folding
//! is per character, so a match on folded text maps back to the original
//! characters one to one.

/// The half-width, lower-case form of a character.
pub(crate) fn fold_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// A folded string without whitespace: the form keywords and labels are compared in.
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(fold_char).filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_text_folds_to_ascii() {
        assert_eq!(compact("Ｉｎｖｏｉｃｅ　Ｎｏ．："), "invoiceno.:");
    }

    #[test]
    fn whitespace_and_case_are_ignored() {
        assert_eq!(compact(" VAT\tInvoice \n"), "vatinvoice");
    }
}
