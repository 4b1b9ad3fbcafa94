//! Rule endpoints (`review/rule/*`) and the rule shape.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Id;

/// A review rule.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rule {
    pub rule_id: Id,
    pub name: String,
    pub prompt: String,
    /// The rule is triggered when every one of these categories is among the
    /// reviewed documents' categories; empty means always.
    pub category_ids: Vec<Id>,
    /// 10 high, 20 medium, 30 low.
    pub risk_level: i64,
    pub referenced_fields: Vec<ReferencedField>,
    /// An extension: a CEL expression judged without a model (see the README).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
}

/// The fields of one category that a rule looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub struct ReferencedField {
    pub category_id: Id,
    #[serde(default)]
    pub category_name: String,
    #[serde(default)]
    pub fields: Vec<ReferencedFieldItem>,
    #[serde(default)]
    pub tables: Vec<ReferencedTable>,
}

/// One field a rule looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub struct ReferencedFieldItem {
    pub field_id: Id,
    #[serde(default)]
    pub field_name: String,
}

/// One table, and the columns of it, a rule looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub struct ReferencedTable {
    pub table_id: Id,
    #[serde(default)]
    pub table_name: String,
    #[serde(default)]
    pub fields: Vec<ReferencedFieldItem>,
}

/// Body of `review/rule/create`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct CreateRuleRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub repo_id: Option<Id>,
    /// Required: a group of that repository.
    #[schema(required = true, nullable = false)]
    pub group_id: Option<Id>,
    /// Required, 1 to 50 characters.
    #[schema(required = true, nullable = false, min_length = 1, max_length = 50, pattern = r"\S")]
    pub name: Option<String>,
    /// Required, 1 to 2000 characters: what the judge checks.
    #[schema(required = true, nullable = false, min_length = 1, max_length = 2000, pattern = r"\S")]
    pub prompt: Option<String>,
    /// Default empty (always triggered).
    pub category_ids: Option<Vec<Id>>,
    /// 10, 20 or 30; default 20.
    #[schema(minimum = 10, maximum = 30, multiple_of = 10)]
    pub risk_level: Option<i64>,
    /// Default empty (all fields of the matching documents).
    pub referenced_fields: Option<Vec<ReferencedField>>,
    /// An extension: a CEL expression over the rule's documents, judged without
    /// a model; rejected with the compiler's message if it does not compile.
    pub expression: Option<String>,
}

/// Result of `review/rule/create`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleCreated {
    pub rule_id: Id,
}

/// Body of `review/rule/update`; an absent field is left unchanged, an empty
/// list clears.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct UpdateRuleRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub rule_id: Option<Id>,
    /// Moves the rule to another group of the same repository.
    pub group_id: Option<Id>,
    pub name: Option<String>,
    pub prompt: Option<String>,
    pub category_ids: Option<Vec<Id>>,
    /// 10, 20 or 30.
    #[schema(minimum = 10, maximum = 30, multiple_of = 10)]
    pub risk_level: Option<i64>,
    pub referenced_fields: Option<Vec<ReferencedField>>,
    /// An empty string removes the expression.
    pub expression: Option<String>,
}

/// Body of `review/rule/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteRuleRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub rule_id: Option<Id>,
}
