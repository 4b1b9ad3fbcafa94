//! The category itself: `category/create`, `list`, `update`, `delete`.
//!
//! Required request fields are `Option` so that validation, not JSON parsing,
//! reports a missing one by name.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::CategoryFieldConfig;
use super::CategoryKeywordRules;
use super::field::CategoryField;
use super::keyword_input::KeywordRulesInput;
use super::sample::{CategorySample, UploadedFile};
use super::table::{CategoryTable, CategoryTableConfig};
use crate::Id;

/// The `multipart/form-data` parts of `category/create`, as the OpenAPI
/// document shows them. The handler reads them into [`CreateCategoryRequest`].
#[derive(Debug, Clone, ToSchema)]
pub struct CreateCategoryForm {
    /// Required.
    pub workspace_id: String,
    /// Required, 1 to 50 characters, unique in the workspace.
    #[schema(min_length = 1, max_length = 50, pattern = r"\S")]
    pub name: String,
    /// Required: `Auto`, `Acgpt`, `Acgpt-VL` or `DF-M1` (`Model 1/2/3` are accepted
    /// as the old names of `Acgpt`, `DF-M1`, `Acgpt-VL`).
    pub extract_model: String,
    /// Required, 1 to 10 files (at most 20 per category); repeat the part.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub sample_files: Vec<String>,
    /// Required: JSON text of a `CategoryFieldConfig` array with at least one field.
    pub fields: String,
    /// JSON text of a `CategoryTableConfig` array (tables with their fields).
    pub tables: Option<String>,
    /// At most 150 characters.
    pub category_prompt: Option<String>,
    /// At most 500 characters.
    pub description: Option<String>,
    /// `true` returns the whole category.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
    /// JSON text of `{"positive_rules": [...], "negative_rules": [...]}`.
    pub category_keyword_rules: Option<String>,
}

/// The parts of `category/create`, with the JSON parts decoded.
#[derive(Debug, Clone, Default)]
pub struct CreateCategoryRequest {
    pub workspace_id: Option<Id>,
    pub name: Option<String>,
    pub extract_model: Option<String>,
    pub sample_files: Vec<UploadedFile>,
    pub fields: Option<Vec<CategoryFieldConfig>>,
    pub tables: Option<Vec<CategoryTableConfig>>,
    pub category_prompt: Option<String>,
    pub description: Option<String>,
    pub category_keyword_rules: Option<KeywordRulesInput>,
}

/// Result of `category/create`: the id, and the whole category with `with_detail`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryCreated {
    pub category_id: Id,
    #[serde(flatten)]
    #[schema(schema_with = crate::schema::optional_properties::<CategoryDetail>)]
    pub detail: Option<CategoryDetail>,
}

/// Everything a category holds, as `with_detail` returns it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryDetail {
    pub name: String,
    pub description: String,
    pub category_prompt: String,
    pub category_keyword_rules: CategoryKeywordRules,
    /// The category's model, or `mixed` when its fields and tables differ.
    pub extract_model: String,
    /// 0 disabled, 1 enabled, 2 draft.
    pub enabled: i64,
    pub fields: Vec<CategoryField>,
    pub tables: Vec<CategoryTable>,
    pub samples: Vec<CategorySample>,
}

/// Query of `category/list`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListCategoriesQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Page number from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<i64>,
    /// `all`, `0` (disabled), `1` (enabled, the default) or `2` (draft).
    pub enabled: Option<String>,
    /// Accepted for compatibility; there are no preset categories.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub exclude_unadded_preset_categories: Option<bool>,
}

/// Result of `category/list`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryList {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub categories: Vec<Category>,
}

/// A category as `category/list` and `category/update` return it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Category {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub category_prompt: String,
    /// The category's model, or `mixed` when its fields and tables differ.
    pub extract_model: String,
    /// 0 disabled, 1 enabled, 2 draft.
    pub enabled: i64,
    pub category_keyword_rules: CategoryKeywordRules,
}

/// Body of `category/update`; an absent field is left unchanged.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UpdateCategoryRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// 1 to 50 characters, unique in the workspace.
    #[schema(min_length = 1, max_length = 50, pattern = r"\S")]
    pub name: Option<String>,
    /// At most 150 characters.
    pub category_prompt: Option<String>,
    /// At most 500 characters.
    pub description: Option<String>,
    /// 0 disabled, 1 enabled, 2 draft.
    #[schema(minimum = 0, maximum = 2)]
    pub enabled: Option<i64>,
    /// Sets the model of the category and of all its fields and tables.
    pub extract_model: Option<String>,
    /// Replaces the keyword rules; `{"positive_rules": [], "negative_rules": []}` clears them.
    pub category_keyword_rules: Option<KeywordRulesInput>,
    /// `true` returns the category after the change.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
}

/// Body of `category/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteCategoriesRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required, at least one. Deletes the categories with their fields, tables and
    /// samples; all are deleted, or none if one is not found.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub category_ids: Option<Vec<Id>>,
}
