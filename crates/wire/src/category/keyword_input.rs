//! Keyword rules as a client sends them (reference §4.6).
//!
//! Every key is optional here so that validation can say which one is missing;
//! unknown keys are refused, as the SDK refuses them, so a misspelt `min_hits`
//! is an error rather than a silently ignored setting.

use serde::Deserialize;
use utoipa::ToSchema;

/// `{"positive_rules": [...], "negative_rules": [...]}`; both keys are required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeywordRulesInput {
    /// At most 10 groups.
    #[serde(alias = "positiveRules")]
    pub positive_rules: Option<Vec<KeywordRuleGroupInput>>,
    /// At most 1 group.
    #[serde(alias = "negativeRules")]
    pub negative_rules: Option<Vec<KeywordRuleGroupInput>>,
}

/// One group of words as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeywordRuleGroupInput {
    /// A label; `group_N` (positive) or `exclude` (negative) when absent.
    #[serde(alias = "groupName")]
    pub group_name: Option<String>,
    /// Required: how many of the words must occur, 1 to the number of words.
    #[serde(alias = "minHit")]
    #[schema(required = true, nullable = false)]
    pub min_hit: Option<i64>,
    /// Required: 1 to 20 words, each at most 50 characters once whitespace is
    /// removed and letters lower-cased.
    #[schema(required = true, nullable = false, min_items = 1, max_items = 20)]
    pub words: Option<Vec<String>>,
}
