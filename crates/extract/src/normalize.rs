//! The form keywords and labels are compared in: folded by
//! `docreview_text::fold` (full-width ASCII, common in Chinese documents:
//! `Ｉｎｖｏｉｃｅ：`, is read as half-width, case is ignored) and without
//! whitespace.

use docreview_text::fold::fold_char;

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
