//! Keyword classification rules (reference §4.6), checked as the SDK checks them
//! before sending, so that a client that skips its own checks gets the same answer.

use std::collections::BTreeSet;

use docreview_wire::category::keyword_input::{KeywordRuleGroupInput, KeywordRulesInput};
use docreview_wire::category::{CategoryKeywordRules, KeywordRuleGroup};

use super::common::{at, item};
use crate::validation::{self, ValidationError, required};

pub const POSITIVE_GROUPS_MAX: usize = 10;
pub const NEGATIVE_GROUPS_MAX: usize = 1;
pub const WORDS_MAX: usize = 20;
pub const WORD_MAX: usize = 50;
pub const GROUP_NAME_MAX: usize = 50;

/// Checks the rules found at `prefix` and returns them normalised: words without
/// whitespace and lower-cased, missing group names filled in.
pub fn keyword_rules(input: KeywordRulesInput, prefix: &str) -> Result<CategoryKeywordRules, ValidationError> {
    let positive = required(input.positive_rules, &at(prefix, "positive_rules"))?;
    let negative = required(input.negative_rules, &at(prefix, "negative_rules"))?;
    let rules = CategoryKeywordRules {
        positive_rules: groups(positive, &at(prefix, "positive_rules"), POSITIVE_GROUPS_MAX, Direction::Positive)?,
        negative_rules: groups(negative, &at(prefix, "negative_rules"), NEGATIVE_GROUPS_MAX, Direction::Negative)?,
    };
    for word in rules.positive_rules.iter().flat_map(|g| &g.words) {
        if rules.negative_rules.iter().any(|g| g.words.contains(word)) {
            return Err(ValidationError::new(
                prefix,
                format!("the word {word:?} is in both positive_rules and negative_rules"),
            ));
        }
    }
    Ok(rules)
}

/// A word as rules compare it: whitespace removed, letters lower-cased.
pub fn normalize_word(word: &str) -> String {
    word.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

#[derive(Clone, Copy)]
enum Direction {
    Positive,
    Negative,
}

fn groups(
    input: Vec<KeywordRuleGroupInput>,
    field: &str,
    max: usize,
    direction: Direction,
) -> Result<Vec<KeywordRuleGroup>, ValidationError> {
    if input.len() > max {
        return Err(ValidationError::new(field, format!("at most {max} groups, got {}", input.len())));
    }
    let mut checked: Vec<KeywordRuleGroup> = Vec::with_capacity(input.len());
    for (index, group) in input.into_iter().enumerate() {
        let path = item(field, index);
        let group = rule_group(group, &path, index, direction)?;
        if let Some(first) = checked.iter().position(|g| signature(g) == signature(&group)) {
            return Err(ValidationError::new(
                path,
                format!("has the same min_hit and words as {}", item(field, first)),
            ));
        }
        checked.push(group);
    }
    Ok(checked)
}

fn rule_group(
    group: KeywordRuleGroupInput,
    prefix: &str,
    index: usize,
    direction: Direction,
) -> Result<KeywordRuleGroup, ValidationError> {
    let group_name = match group.group_name {
        Some(name) => validation::name(&name, &at(prefix, "group_name"), GROUP_NAME_MAX)?,
        None => match direction {
            Direction::Positive => format!("group_{}", index + 1),
            Direction::Negative => "exclude".to_owned(),
        },
    };
    let words_field = at(prefix, "words");
    let raw_words = required(group.words, &words_field)?;
    if raw_words.is_empty() || raw_words.len() > WORDS_MAX {
        return Err(ValidationError::new(
            &words_field,
            format!("must list 1 to {WORDS_MAX} words, got {}", raw_words.len()),
        ));
    }
    let mut words: Vec<String> = Vec::with_capacity(raw_words.len());
    for (i, raw) in raw_words.iter().enumerate() {
        let path = item(&words_field, i);
        let word = normalize_word(raw);
        if word.is_empty() {
            return Err(ValidationError::new(path, "must not be blank"));
        }
        let length = word.chars().count();
        if length > WORD_MAX {
            return Err(ValidationError::new(path, format!("at most {WORD_MAX} characters, got {length}")));
        }
        if let Some(first) = words.iter().position(|w| *w == word) {
            return Err(ValidationError::new(path, format!("{word:?} is also {}", item(&words_field, first))));
        }
        words.push(word);
    }
    let min_hit_field = at(prefix, "min_hit");
    let min_hit = required(group.min_hit, &min_hit_field)?;
    validation::in_range(min_hit, &min_hit_field, 1, words.len() as i64)?;
    Ok(KeywordRuleGroup { group_name, min_hit, words })
}

/// What makes two groups the same rule: how many hits, of which words. The name
/// is only a label.
fn signature(group: &KeywordRuleGroup) -> (i64, BTreeSet<String>) {
    let words: BTreeSet<String> = group.words.iter().map(|w| normalize_word(w)).filter(|w| !w.is_empty()).collect();
    let most = i64::try_from(words.len()).unwrap_or(i64::MAX).max(1);
    (group.min_hit.clamp(1, most), words)
}

/// A rule group of one category that another category has too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedRuleGroup {
    /// `positive_rules` or `negative_rules`.
    pub direction: &'static str,
    /// The group's name in the first category.
    pub group_name: String,
}

/// The first group of `mine` that `theirs` has in the same direction with the
/// same `min_hit` and words: two enabled categories with such a group would
/// both claim the same documents.
pub fn shared_rule_group(mine: &CategoryKeywordRules, theirs: &CategoryKeywordRules) -> Option<SharedRuleGroup> {
    let pairs = [
        ("positive_rules", &mine.positive_rules, &theirs.positive_rules),
        ("negative_rules", &mine.negative_rules, &theirs.negative_rules),
    ];
    for (direction, my_groups, their_groups) in pairs {
        for group in my_groups {
            if their_groups.iter().any(|other| signature(other) == signature(group)) {
                return Some(SharedRuleGroup { direction, group_name: group.group_name.clone() });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(min_hit: i64, words: &[&str]) -> KeywordRuleGroupInput {
        KeywordRuleGroupInput {
            group_name: None,
            min_hit: Some(min_hit),
            words: Some(words.iter().map(|w| (*w).to_owned()).collect()),
        }
    }

    fn rules(positive: Vec<KeywordRuleGroupInput>, negative: Vec<KeywordRuleGroupInput>) -> KeywordRulesInput {
        KeywordRulesInput { positive_rules: Some(positive), negative_rules: Some(negative) }
    }

    fn field_of(input: KeywordRulesInput) -> String {
        keyword_rules(input, "category_keyword_rules").unwrap_err().field
    }

    #[test]
    fn words_are_normalised_and_group_names_filled_in() {
        let checked =
            keyword_rules(rules(vec![group(1, &["V A T", "Invoice"])], vec![group(1, &["Receipt"])]), "r").unwrap();
        assert_eq!(checked.positive_rules[0].words, vec!["vat", "invoice"]);
        assert_eq!(checked.positive_rules[0].group_name, "group_1");
        assert_eq!(checked.negative_rules[0].group_name, "exclude");
    }

    #[test]
    fn both_directions_are_required_and_empty_lists_clear() {
        let missing = KeywordRulesInput { positive_rules: Some(vec![]), negative_rules: None };
        assert_eq!(field_of(missing), "category_keyword_rules.negative_rules");
        assert_eq!(keyword_rules(rules(vec![], vec![]), "r").unwrap(), CategoryKeywordRules::default());
    }

    #[test]
    fn the_limits_of_section_4_6_are_enforced() {
        let eleven = (0..11).map(|i| group(1, &[&format!("w{i}")])).collect();
        assert_eq!(field_of(rules(eleven, vec![])), "category_keyword_rules.positive_rules");
        assert_eq!(
            field_of(rules(vec![], vec![group(1, &["a"]), group(1, &["b"])])),
            "category_keyword_rules.negative_rules"
        );
        let many: Vec<String> = (0..21).map(|i| format!("w{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(field_of(rules(vec![group(1, &many)], vec![])), "category_keyword_rules.positive_rules[0].words");
        assert_eq!(
            field_of(rules(vec![group(1, &[&"x".repeat(51)])], vec![])),
            "category_keyword_rules.positive_rules[0].words[0]"
        );
        assert_eq!(
            field_of(rules(vec![group(1, &["Vat", "v at"])], vec![])),
            "category_keyword_rules.positive_rules[0].words[1]"
        );
        assert_eq!(
            field_of(rules(vec![group(3, &["a", "b"])], vec![])),
            "category_keyword_rules.positive_rules[0].min_hit"
        );
        assert_eq!(field_of(rules(vec![group(0, &["a"])], vec![])), "category_keyword_rules.positive_rules[0].min_hit");
        assert_eq!(
            field_of(rules(vec![group(1, &[" "])], vec![])),
            "category_keyword_rules.positive_rules[0].words[0]"
        );
    }

    #[test]
    fn duplicate_groups_and_words_in_both_directions_are_refused() {
        let twice = rules(vec![group(1, &["a", "b"]), group(1, &["B", "a"])], vec![]);
        assert_eq!(field_of(twice), "category_keyword_rules.positive_rules[1]");
        assert!(keyword_rules(rules(vec![group(1, &["a", "b"]), group(2, &["a", "b"])], vec![]), "r").is_ok());
        let both = rules(vec![group(1, &["Receipt"])], vec![group(1, &["receipt"])]);
        assert_eq!(field_of(both), "category_keyword_rules");
    }

    #[test]
    fn a_shared_group_is_found_in_the_same_direction_only() {
        let mine = keyword_rules(rules(vec![group(1, &["a", "b"])], vec![group(1, &["z"])]), "r").unwrap();
        let same = keyword_rules(rules(vec![group(1, &["b", "a"])], vec![]), "r").unwrap();
        let other_direction = keyword_rules(rules(vec![group(1, &["z"])], vec![]), "r").unwrap();
        let other_min_hit = keyword_rules(rules(vec![group(2, &["a", "b"])], vec![]), "r").unwrap();
        assert_eq!(shared_rule_group(&mine, &same).unwrap().direction, "positive_rules");
        assert_eq!(shared_rule_group(&mine, &other_direction), None);
        assert_eq!(shared_rule_group(&mine, &other_min_hit), None);
    }
}
