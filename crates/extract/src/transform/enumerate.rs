//! The `enumerate` transform: snap a value to one of the allowed items.
//!
//! Tried in order, so the most literal reading wins: the exact item; an item
//! equal up to case, whitespace and full-width forms; then containment — the
//! longest item found inside the value ("Paid in full" → "Paid"), else the
//! first item that contains the value ("transfer" → "Bank transfer").

use crate::normalize::compact;

pub(crate) fn pick(value: &str, items: &[String]) -> Option<String> {
    if let Some(item) = items.iter().find(|item| item.as_str() == value) {
        return Some(item.clone());
    }
    let value = compact(value);
    if value.is_empty() {
        return None;
    }
    let folded: Vec<(String, &String)> = items.iter().map(|i| (compact(i), i)).filter(|(c, _)| !c.is_empty()).collect();
    if let Some((_, item)) = folded.iter().find(|(c, _)| *c == value) {
        return Some((*item).clone());
    }
    // The longest item inside the value; of equally long ones, the first listed.
    let mut inside: Option<&(String, &String)> = None;
    for entry in folded.iter().filter(|(c, _)| value.contains(c.as_str())) {
        if inside.is_none_or(|(best, _)| entry.0.chars().count() > best.chars().count()) {
            inside = Some(entry);
        }
    }
    if let Some((_, item)) = inside {
        return Some((*item).clone());
    }
    folded.iter().find(|(c, _)| c.contains(value.as_str())).map(|(_, item)| (*item).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn exact_then_insensitive_matches() {
        let list = items(&["VAT special invoice", "VAT general invoice"]);
        assert_eq!(pick("VAT general invoice", &list).as_deref(), Some("VAT general invoice"));
        assert_eq!(pick("vat  GENERAL invoice", &list).as_deref(), Some("VAT general invoice"));
        assert_eq!(pick("ＶＡＴ special invoice", &list).as_deref(), Some("VAT special invoice"));
    }

    #[test]
    fn containment_prefers_the_longest_item_in_the_value() {
        let list = items(&["Paid", "Paid in part", "Bank transfer"]);
        assert_eq!(pick("Paid in part (50%)", &list).as_deref(), Some("Paid in part"));
        assert_eq!(pick("transfer", &list).as_deref(), Some("Bank transfer"));
    }

    #[test]
    fn nothing_close_is_a_mismatch() {
        assert_eq!(pick("Cash", &items(&["Paid", "Open"])), None);
        assert_eq!(pick("", &items(&["Paid"])), None);
        assert_eq!(pick("x", &[]), None);
    }
}
