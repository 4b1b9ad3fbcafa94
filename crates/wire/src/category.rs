//! Category (document type) configuration shared by the category endpoints and
//! the extraction pipeline: fields, tables, transform settings, keyword rules.
//!
//! Field names follow the reference (§4.4–4.6) byte for byte. The request and
//! response bodies of the category endpoints live in the submodules.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub mod definition;
pub mod field;
pub mod keyword_input;
pub mod sample;
pub mod table;

/// A field to extract, as sent on create/add (every property optional on the
/// wire so validation can name what is missing).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CategoryFieldConfig {
    /// Required, at most 50 characters.
    #[schema(required = true, nullable = false, max_length = 50)]
    pub name: Option<String>,
    pub description: Option<String>,
    pub prompt: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub use_prompt: Option<bool>,
    /// Other labels the value may appear under in a document.
    pub alias: Option<Vec<String>>,
    /// Export name (`identifier` in results).
    pub identity: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub multi_value: Option<bool>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub duplicate_value_distinct: Option<bool>,
    pub transform_settings: Option<TransformSettings>,
}

/// Post-processing of an extracted value (reference §4.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TransformSettings {
    /// `datetime`, `enumerate` or `regex`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datetime_settings: Option<DatetimeSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enumerate_settings: Option<EnumerateSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex_settings: Option<RegexSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mismatch_action: Option<MismatchAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DatetimeSettings {
    /// A pattern such as `yyyy-MM-dd`.
    pub format: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EnumerateSettings {
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RegexSettings {
    /// The pattern (`match` on the wire).
    #[serde(rename = "match")]
    pub pattern: String,
    /// The replacement, with `$1`-style groups.
    #[serde(default)]
    pub replace: String,
}

/// What happens when a value does not fit the transform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MismatchAction {
    /// `default` (output `default_value`) or `warning` (keep the raw value).
    pub mode: String,
    #[serde(default)]
    pub default_value: String,
}

/// Keyword classification rules of a category (reference §4.6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CategoryKeywordRules {
    #[serde(default, alias = "positiveRules")]
    pub positive_rules: Vec<KeywordRuleGroup>,
    #[serde(default, alias = "negativeRules")]
    pub negative_rules: Vec<KeywordRuleGroup>,
}

/// A group of words; it hits when at least `min_hit` of them occur.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KeywordRuleGroup {
    #[serde(default)]
    pub group_name: String,
    #[serde(alias = "minHit")]
    pub min_hit: i64,
    pub words: Vec<String>,
}
