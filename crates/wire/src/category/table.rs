//! Table endpoints (`category/tables/*`) and the stored table shape.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::CategoryFieldConfig;
use super::field::CategoryField;
use crate::Id;

/// A table to create, with its columns (reference §4.4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CategoryTableConfig {
    /// Required, 1 to 50 characters, unique in the category.
    #[schema(required = true, nullable = false, min_length = 1, max_length = 50, pattern = r"\S")]
    pub name: Option<String>,
    /// At most 500 characters.
    pub description: Option<String>,
    /// At most 200 characters.
    pub prompt: Option<String>,
    /// Merge tables of the same structure (e.g. across pages) into one; not with `Acgpt-VL`.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub collect_from_multi_table: Option<bool>,
    /// Default: the category's model (`Auto` if mixed).
    pub extract_model: Option<String>,
    /// The table's columns.
    pub fields: Option<Vec<CategoryFieldConfig>>,
}

/// A stored table with its columns.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CategoryTable {
    pub id: Id,
    #[serde(flatten)]
    pub props: TableProps,
}

/// The properties of a stored table, with its columns.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TableProps {
    pub name: String,
    pub description: String,
    pub prompt: String,
    pub collect_from_multi_table: bool,
    pub extract_model: String,
    pub fields: Vec<CategoryField>,
}

/// One entry of the result of `tables/batch_add` (and `tables/add`): the id, and
/// the properties with `with_detail`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TableAdded {
    pub table_id: Id,
    #[serde(flatten)]
    #[schema(schema_with = crate::schema::optional_properties::<TableProps>)]
    pub detail: Option<TableProps>,
}

/// Query of `category/tables/list`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListTablesQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub category_id: Option<Id>,
}

/// Result of `category/tables/list`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TableList {
    pub tables: Vec<TableSummary>,
}

/// A table without its columns.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TableSummary {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub prompt: String,
    pub collect_from_multi_table: bool,
    pub extract_model: String,
}

/// Body of `category/tables/batch_add`; all the tables are added, or none.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BatchAddTablesRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// Required, at least one.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub tables: Option<Vec<CategoryTableConfig>>,
    /// `true` returns every property of the new tables.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
}

/// Changes to one table: an absent property is left unchanged.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CategoryTableUpdate {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub table_id: Option<Id>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub prompt: Option<String>,
    /// Also sets the model of the table's fields.
    pub extract_model: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub collect_from_multi_table: Option<bool>,
}

/// Body of `category/tables/batch_update`; all the changes are applied, or none.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BatchUpdateTablesRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// Required, at least one.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub tables: Option<Vec<CategoryTableUpdate>>,
    /// `true` returns the tables after the change.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
}

/// Body of `category/tables/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteTablesRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// Required, at least one. Deletes the tables with their columns; all are
    /// deleted, or none if one is not found.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub table_ids: Option<Vec<Id>>,
}

/// Body of the deprecated `category/tables/add`: one table.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AddTableRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// `true` returns every property of the new table.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
    #[serde(flatten)]
    pub table: CategoryTableConfig,
}

/// Body of the deprecated `category/tables/update`: one table, where
/// `collect_from_multi_table` is required.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UpdateTableRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// `true` returns the table after the change.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
    #[serde(flatten)]
    pub table: CategoryTableUpdate,
}
