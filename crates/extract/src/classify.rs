//! Choosing a document's category by its keyword rules (reference §4.6).
//!
//! Words and text are compared normalised: whitespace removed, lower-cased
//! (and, beyond the reference, full-width ASCII read as half-width, so
//! `ＩＮＶＯＩＣＥ` counts as `invoice`). Removing whitespace also joins lines, so
//! a word broken across a line still counts.
//!
//! A positive group hits when at least `min_hit` of its distinct words occur; a
//! category is a candidate when one of its positive groups hits and none of its
//! negative groups does. The candidate with most matched words in its hitting
//! groups wins; ties go to the category listed first, so the result is
//! deterministic for a given list.

use docreview_core::category_spec::CategorySpec;
use docreview_wire::category::KeywordRuleGroup;
use docreview_wire::file::Document;

use crate::normalize::compact;

/// The category whose rules fit the document best, if any fits.
pub fn classify<'a>(document: &Document, categories: &'a [CategorySpec]) -> Option<&'a CategorySpec> {
    let text = document_text(document);
    let mut best: Option<(&CategorySpec, usize)> = None;
    for category in categories {
        let Some(score) = score(&text, category) else { continue };
        if best.is_none_or(|(_, top)| score > top) {
            best = Some((category, score));
        }
    }
    best.map(|(category, _)| category)
}

/// All lines of all pages, normalised into one string.
fn document_text(document: &Document) -> String {
    document.pages.iter().flat_map(|p| &p.lines).map(|l| compact(&l.text)).collect()
}

/// Matched words of the positive groups that hit, or `None` when the category
/// is not a candidate.
fn score(text: &str, category: &CategorySpec) -> Option<usize> {
    let rules = &category.keyword_rules;
    if rules.negative_rules.iter().any(|group| hits(text, group).is_some()) {
        return None;
    }
    let matched: Vec<usize> = rules.positive_rules.iter().filter_map(|group| hits(text, group)).collect();
    if matched.is_empty() { None } else { Some(matched.iter().sum()) }
}

/// The number of distinct words of the group in the text, when it reaches
/// `min_hit` (read as at least 1).
fn hits(text: &str, group: &KeywordRuleGroup) -> Option<usize> {
    let mut words: Vec<String> = group.words.iter().map(|w| compact(w)).filter(|w| !w.is_empty()).collect();
    words.sort();
    words.dedup();
    let found = words.iter().filter(|w| text.contains(w.as_str())).count();
    let needed = usize::try_from(group.min_hit).unwrap_or(0).max(1);
    (found >= needed).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use docreview_wire::category::CategoryKeywordRules;
    use docreview_wire::file::{DocumentPage, TextLine};

    fn doc(lines: &[&str]) -> Document {
        let lines = lines.iter().map(|t| TextLine { text: (*t).into(), position: vec![0; 8], char_positions: vec![] });
        Document { pages: vec![DocumentPage { angle: 0, width: 10, height: 10, lines: lines.collect() }] }
    }

    fn group(min_hit: i64, words: &[&str]) -> KeywordRuleGroup {
        KeywordRuleGroup { group_name: String::new(), min_hit, words: words.iter().map(|w| (*w).into()).collect() }
    }

    fn category(id: i64, positive: Vec<KeywordRuleGroup>, negative: Vec<KeywordRuleGroup>) -> CategorySpec {
        let keyword_rules = CategoryKeywordRules { positive_rules: positive, negative_rules: negative };
        CategorySpec { id, name: format!("c{id}"), fields: vec![], tables: vec![], keyword_rules }
    }

    fn pick(document: &Document, categories: &[CategorySpec]) -> Option<i64> {
        classify(document, categories).map(|c| c.id)
    }

    #[test]
    fn the_category_with_most_matched_words_wins() {
        let d = doc(&["VAT Invoice", "Invoice No.: 42", "Tax Amount: 5"]);
        let cats = [
            category(1, vec![group(1, &["invoice"])], vec![]),
            category(2, vec![group(1, &["invoice", "tax amount", "v a t"])], vec![]),
        ];
        assert_eq!(pick(&d, &cats), Some(2));
    }

    #[test]
    fn ties_go_to_the_first_listed() {
        let d = doc(&["Receipt"]);
        let cats =
            [category(7, vec![group(1, &["receipt"])], vec![]), category(3, vec![group(1, &["RECEIPT"])], vec![])];
        assert_eq!(pick(&d, &cats), Some(7));
    }

    #[test]
    fn a_negative_group_excludes_the_category() {
        let d = doc(&["Invoice", "Credit note"]);
        let cats = [
            category(1, vec![group(1, &["invoice"])], vec![group(1, &["creditnote"])]),
            category(2, vec![group(1, &["credit note"])], vec![]),
        ];
        assert_eq!(pick(&d, &cats), Some(2));
    }

    #[test]
    fn min_hit_counts_distinct_words() {
        let d = doc(&["contract contract", "signed"]);
        let needs_two = [category(1, vec![group(2, &["contract", "governing law", "signed"])], vec![])];
        assert_eq!(pick(&d, &needs_two), Some(1));
        let needs_three = [category(1, vec![group(3, &["contract", "governing law", "signed"])], vec![])];
        assert_eq!(pick(&d, &needs_three), None);
        let negative_below_min = [category(1, vec![group(1, &["contract"])], vec![group(2, &["signed", "void"])])];
        assert_eq!(pick(&d, &negative_below_min), Some(1));
    }

    #[test]
    fn categories_without_positive_rules_never_match() {
        let d = doc(&["anything"]);
        assert_eq!(pick(&d, &[category(1, vec![], vec![])]), None);
        assert_eq!(pick(&d, &[category(1, vec![group(1, &["  "])], vec![])]), None);
    }

    #[test]
    fn full_width_and_split_lines_still_match() {
        let d = doc(&["ＶＡＴ Ｉｎｖｏｉｃｅ", "增值税专用", "发票"]);
        let cats = [category(1, vec![group(2, &["vat invoice", "增值税专用发票"])], vec![])];
        assert_eq!(pick(&d, &cats), Some(1));
    }
}
