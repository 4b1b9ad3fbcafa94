//! Rule requests: the fields a rule carries and their limits.

use docreview_judge::ExpressionLimits;
use docreview_wire::rule::{CreateRuleRequest, DeleteRuleRequest, ReferencedField, UpdateRuleRequest};

use crate::validation::{self, ValidationError, required, required_id};

pub const RULE_NAME_MAX: usize = 50;
pub const PROMPT_MAX: usize = 2000;
pub const CATEGORY_IDS_MAX: usize = 50;
pub const EXPRESSION_MAX: usize = 4000;
/// Categories one rule may reference fields of.
const REFERENCED_CATEGORIES_MAX: usize = 50;
/// Fields (or tables) one referenced category may list.
const REFERENCED_ITEMS_MAX: usize = 100;
/// Length of category, table and field names inside `referenced_fields`.
const REFERENCED_NAME_MAX: usize = 100;

/// How serious a failed rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RiskLevel {
    High = 10,
    #[default]
    Medium = 20,
    Low = 30,
}

impl RiskLevel {
    /// Reads the wire value 10, 20 or 30.
    pub fn parse(value: i64) -> Result<Self, ValidationError> {
        match value {
            10 => Ok(Self::High),
            20 => Ok(Self::Medium),
            30 => Ok(Self::Low),
            other => Err(ValidationError::new(
                "risk_level",
                format!("must be 10 (high), 20 (medium) or 30 (low), got {other}"),
            )),
        }
    }

    pub fn value(self) -> i64 {
        self as i64
    }
}

/// A rule to create in a group of a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRule {
    pub workspace_id: i64,
    pub repo_id: i64,
    pub group_id: i64,
    pub name: String,
    pub prompt: String,
    pub category_ids: Vec<i64>,
    pub risk_level: RiskLevel,
    pub referenced_fields: Vec<ReferencedField>,
    /// A compiled-and-checked CEL expression, when the rule has one.
    pub expression: Option<String>,
}

impl NewRule {
    /// Validates a create request. An expression is compiled, estimated and
    /// tried within `limits`: CPU-bound, keep it off async threads.
    pub fn parse(request: CreateRuleRequest, limits: &ExpressionLimits) -> Result<Self, ValidationError> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            repo_id: required_id(request.repo_id, "repo_id")?,
            group_id: required_id(request.group_id, "group_id")?,
            name: name(&required(request.name, "name")?)?,
            prompt: prompt_with_expression(required(request.prompt, "prompt")?, limits)?,
            category_ids: category_ids(request.category_ids.unwrap_or_default())?,
            risk_level: request.risk_level.map(RiskLevel::parse).transpose()?.unwrap_or_default(),
            referenced_fields: referenced_fields(request.referenced_fields.unwrap_or_default())?,
            expression: expression(request.expression, limits)?.flatten(),
        })
    }
}

/// Changes to a rule; `None` leaves a field unchanged, an empty list clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePatch {
    pub workspace_id: i64,
    pub rule_id: i64,
    pub group_id: Option<i64>,
    pub name: Option<String>,
    pub prompt: Option<String>,
    pub category_ids: Option<Vec<i64>>,
    pub risk_level: Option<RiskLevel>,
    pub referenced_fields: Option<Vec<ReferencedField>>,
    /// `Some(None)` removes the expression.
    pub expression: Option<Option<String>>,
}

impl RulePatch {
    /// Validates an update request; an expression as in [`NewRule::parse`].
    pub fn parse(request: UpdateRuleRequest, limits: &ExpressionLimits) -> Result<Self, ValidationError> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            rule_id: required_id(request.rule_id, "rule_id")?,
            group_id: request.group_id.map(|id| id.0),
            name: request.name.as_deref().map(name).transpose()?,
            prompt: request.prompt.map(|text| prompt_with_expression(text, limits)).transpose()?,
            category_ids: request.category_ids.map(category_ids).transpose()?,
            risk_level: request.risk_level.map(RiskLevel::parse).transpose()?,
            referenced_fields: request.referenced_fields.map(referenced_fields).transpose()?,
            expression: expression(request.expression, limits)?,
        })
    }
}

/// A rule to delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDeletion {
    pub workspace_id: i64,
    pub rule_id: i64,
}

impl TryFrom<DeleteRuleRequest> for RuleDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteRuleRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            rule_id: required_id(request.rule_id, "rule_id")?,
        })
    }
}

fn name(value: &str) -> Result<String, ValidationError> {
    validation::name(value, "name", RULE_NAME_MAX)
}

fn prompt(value: String) -> Result<String, ValidationError> {
    validation::non_blank_text(value, "prompt", PROMPT_MAX)
}

/// A prompt, whose ```` ```cel ```` block, if any, must pass the same checks
/// as an `expression` (the rule is judged by it when it has no expression).
fn prompt_with_expression(value: String, limits: &ExpressionLimits) -> Result<String, ValidationError> {
    let value = prompt(value)?;
    if let Some(block) = super::cel_block(&value) {
        docreview_judge::check(block, limits)
            .map_err(|error| ValidationError::new("prompt", format!("its ```cel block: {error}")))?;
    }
    Ok(value)
}

/// `None` if absent, `Some(None)` if empty (remove), else the checked expression.
fn expression(value: Option<String>, limits: &ExpressionLimits) -> Result<Option<Option<String>>, ValidationError> {
    let Some(value) = value else { return Ok(None) };
    if value.trim().is_empty() {
        return Ok(Some(None));
    }
    let value = validation::text(value, "expression", EXPRESSION_MAX)?;
    docreview_judge::check(&value, limits).map_err(|error| ValidationError::new("expression", error.to_string()))?;
    Ok(Some(Some(value)))
}

fn category_ids(ids: Vec<docreview_wire::Id>) -> Result<Vec<i64>, ValidationError> {
    validation::optional_id_list(ids, "category_ids", CATEGORY_IDS_MAX)
}

/// Checks the sizes and names of `referenced_fields`; one entry per category.
fn referenced_fields(entries: Vec<ReferencedField>) -> Result<Vec<ReferencedField>, ValidationError> {
    const FIELD: &str = "referenced_fields";
    if entries.len() > REFERENCED_CATEGORIES_MAX {
        return Err(ValidationError::new(
            FIELD,
            format!("at most {REFERENCED_CATEGORIES_MAX} categories, got {}", entries.len()),
        ));
    }
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("{FIELD}[{i}]");
        if entries[..i].iter().any(|e| e.category_id == entry.category_id) {
            return Err(ValidationError::new(
                format!("{at}.category_id"),
                format!("category {} is listed twice", entry.category_id),
            ));
        }
        short_name(&entry.category_name, &format!("{at}.category_name"))?;
        bounded(entry.fields.len(), &format!("{at}.fields"))?;
        bounded(entry.tables.len(), &format!("{at}.tables"))?;
        for (j, field) in entry.fields.iter().enumerate() {
            short_name(&field.field_name, &format!("{at}.fields[{j}].field_name"))?;
        }
        for (j, table) in entry.tables.iter().enumerate() {
            let table_at = format!("{at}.tables[{j}]");
            short_name(&table.table_name, &format!("{table_at}.table_name"))?;
            bounded(table.fields.len(), &format!("{table_at}.fields"))?;
            for (k, field) in table.fields.iter().enumerate() {
                short_name(&field.field_name, &format!("{table_at}.fields[{k}].field_name"))?;
            }
        }
    }
    Ok(entries)
}

fn short_name(value: &str, field: &str) -> Result<(), ValidationError> {
    validation::text(value.to_owned(), field, REFERENCED_NAME_MAX).map(drop)
}

fn bounded(len: usize, field: &str) -> Result<(), ValidationError> {
    if len > REFERENCED_ITEMS_MAX {
        return Err(ValidationError::new(field, format!("at most {REFERENCED_ITEMS_MAX} entries, got {len}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use docreview_wire::Id;
    use docreview_wire::rule::{ReferencedFieldItem, ReferencedTable};

    use super::*;

    fn request() -> CreateRuleRequest {
        CreateRuleRequest {
            workspace_id: Some(Id(1)),
            repo_id: Some(Id(2)),
            group_id: Some(Id(3)),
            name: Some("Tax amount".into()),
            prompt: Some("tax = net × rate".into()),
            ..Default::default()
        }
    }

    fn referenced(category: i64) -> ReferencedField {
        ReferencedField {
            category_id: Id(category),
            category_name: "Invoice".into(),
            fields: vec![ReferencedFieldItem { field_id: Id(5), field_name: "Total".into() }],
            tables: vec![ReferencedTable { table_id: Id(6), table_name: "Items".into(), fields: vec![] }],
        }
    }

    #[test]
    fn a_rule_defaults_to_medium_risk_and_no_categories() {
        let rule = NewRule::parse(request(), &ExpressionLimits::default()).unwrap();
        assert_eq!(rule.risk_level, RiskLevel::Medium);
        assert!(rule.category_ids.is_empty() && rule.referenced_fields.is_empty());
    }

    #[test]
    fn bad_rule_fields_are_named() {
        let cases = [
            (CreateRuleRequest { group_id: None, ..request() }, "group_id"),
            (CreateRuleRequest { name: Some("n".repeat(51)), ..request() }, "name"),
            (CreateRuleRequest { prompt: Some(" ".into()), ..request() }, "prompt"),
            (CreateRuleRequest { prompt: None, ..request() }, "prompt"),
            (CreateRuleRequest { risk_level: Some(15), ..request() }, "risk_level"),
            (
                CreateRuleRequest { referenced_fields: Some(vec![referenced(7), referenced(7)]), ..request() },
                "referenced_fields[1].category_id",
            ),
        ];
        for (request, field) in cases {
            assert_eq!(NewRule::parse(request, &ExpressionLimits::default()).unwrap_err().field, field);
        }
    }

    #[test]
    fn a_patch_keeps_absent_fields_and_empty_lists_clear() {
        let request = UpdateRuleRequest {
            workspace_id: Some(Id(1)),
            rule_id: Some(Id(9)),
            category_ids: Some(vec![]),
            ..Default::default()
        };
        let patch = RulePatch::parse(request, &ExpressionLimits::default()).unwrap();
        assert_eq!(patch.category_ids, Some(vec![]));
        assert_eq!(patch.name, None);
        assert_eq!(patch.referenced_fields, None);
    }
}
