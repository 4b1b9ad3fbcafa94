//! What the store hands back for categories and their parts, and how rows are
//! read into it.

use std::collections::HashMap;

use docreview_core::category::MIXED_MODEL;
use docreview_wire::category::{CategoryKeywordRules, TransformSettings};
use sqlx::FromRow;

use crate::{StoreError, json};

/// A stored category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRow {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub description: String,
    pub category_prompt: String,
    /// The category's own model: what new fields and tables inherit.
    pub extract_model: String,
    /// Whether some field or table uses another model than the category.
    pub mixed: bool,
    /// 0 disabled, 1 enabled, 2 draft.
    pub enabled: i64,
    pub keyword_rules: CategoryKeywordRules,
}

impl CategoryRow {
    /// The model reported to clients: the category's, or `mixed`.
    pub fn reported_model(&self) -> &str {
        if self.mixed { MIXED_MODEL } else { &self.extract_model }
    }
}

#[derive(FromRow)]
pub(crate) struct CategoryDbRow {
    id: i64,
    workspace_id: i64,
    name: String,
    description: String,
    category_prompt: String,
    extract_model: String,
    mixed: i64,
    enabled: i64,
    keyword_rules: String,
}

impl CategoryDbRow {
    /// Reads categories as `c`; `mixed` is computed, so it can never be stale.
    pub(crate) const SELECT: &'static str = "SELECT c.id, c.workspace_id, c.name, c.description, \
         c.category_prompt, c.extract_model, c.enabled, c.keyword_rules, CAST(CASE WHEN EXISTS \
         (SELECT 1 FROM category_fields f WHERE f.category_id = c.id AND f.extract_model <> c.extract_model) \
         OR EXISTS (SELECT 1 FROM category_tables t WHERE t.category_id = c.id AND t.extract_model <> c.extract_model) \
         THEN 1 ELSE 0 END AS BIGINT) AS mixed FROM categories c";
}

impl TryFrom<CategoryDbRow> for CategoryRow {
    type Error = StoreError;

    fn try_from(row: CategoryDbRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            name: row.name,
            description: row.description,
            category_prompt: row.category_prompt,
            extract_model: row.extract_model,
            mixed: row.mixed != 0,
            enabled: row.enabled,
            keyword_rules: json::decode(&row.keyword_rules, "categories.keyword_rules")?,
        })
    }
}

/// A stored field: a regular field (`table_id` none) or a table column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRow {
    pub id: i64,
    pub table_id: Option<i64>,
    pub name: String,
    pub description: String,
    pub prompt: String,
    pub use_prompt: bool,
    pub alias: Vec<String>,
    /// Empty when unset.
    pub identity: String,
    pub multi_value: bool,
    pub duplicate_value_distinct: bool,
    pub transform: Option<TransformSettings>,
    pub extract_model: String,
}

#[derive(FromRow)]
pub(crate) struct FieldDbRow {
    id: i64,
    table_id: Option<i64>,
    name: String,
    description: String,
    prompt: String,
    use_prompt: i64,
    alias: String,
    identity: String,
    multi_value: i64,
    duplicate_value_distinct: i64,
    transform_settings: Option<String>,
    extract_model: String,
}

impl FieldDbRow {
    pub(crate) const SELECT: &'static str = "SELECT id, table_id, name, description, prompt, use_prompt, alias, \
         identity, multi_value, duplicate_value_distinct, transform_settings, extract_model FROM category_fields";
}

impl TryFrom<FieldDbRow> for FieldRow {
    type Error = StoreError;

    fn try_from(row: FieldDbRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.id,
            table_id: row.table_id,
            name: row.name,
            description: row.description,
            prompt: row.prompt,
            use_prompt: row.use_prompt != 0,
            alias: json::decode(&row.alias, "category_fields.alias")?,
            identity: row.identity,
            multi_value: row.multi_value != 0,
            duplicate_value_distinct: row.duplicate_value_distinct != 0,
            transform: row
                .transform_settings
                .as_deref()
                .map(|text| json::decode(text, "category_fields.transform_settings"))
                .transpose()?,
            extract_model: row.extract_model,
        })
    }
}

/// A stored table, without its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub prompt: String,
    pub collect_from_multi_table: bool,
    pub extract_model: String,
}

#[derive(FromRow)]
pub(crate) struct TableDbRow {
    id: i64,
    name: String,
    description: String,
    prompt: String,
    collect_from_multi_table: i64,
    extract_model: String,
}

impl TableDbRow {
    pub(crate) const SELECT: &'static str =
        "SELECT id, name, description, prompt, collect_from_multi_table, extract_model FROM category_tables";
}

impl From<TableDbRow> for TableRow {
    fn from(row: TableDbRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            description: row.description,
            prompt: row.prompt,
            collect_from_multi_table: row.collect_from_multi_table != 0,
            extract_model: row.extract_model,
        }
    }
}

/// A table with its columns in creation order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableTree {
    pub table: TableRow,
    pub fields: Vec<FieldRow>,
}

/// A stored sample, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SampleRow {
    pub id: i64,
    pub file_name: String,
    pub byte_size: i64,
}

/// A stored sample with its bytes.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SampleContent {
    pub id: i64,
    pub file_name: String,
    pub content: Vec<u8>,
    /// When it was uploaded, Unix milliseconds.
    pub created_at: i64,
}

/// A category with everything it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTree {
    pub category: CategoryRow,
    pub fields: Vec<FieldRow>,
    pub tables: Vec<TableTree>,
    pub samples: Vec<SampleRow>,
}

/// Splits `fields` into regular fields and the columns of each of `tables`,
/// keeping row order.
pub(crate) fn nest(
    fields: Vec<FieldDbRow>,
    tables: Vec<TableDbRow>,
) -> Result<(Vec<FieldRow>, Vec<TableTree>), StoreError> {
    let mut regular = Vec::new();
    let mut columns: HashMap<i64, Vec<FieldRow>> = HashMap::new();
    for field in fields {
        let field = FieldRow::try_from(field)?;
        match field.table_id {
            Some(table_id) => columns.entry(table_id).or_default().push(field),
            None => regular.push(field),
        }
    }
    let tables = tables
        .into_iter()
        .map(|table| TableTree { fields: columns.remove(&table.id).unwrap_or_default(), table: table.into() })
        .collect();
    Ok((regular, tables))
}
