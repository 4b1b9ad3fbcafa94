//! Field endpoints (`category/fields/*`) and the stored field shape.
//!
//! A field is either a regular field of the category or a column of one of its
//! tables; requests name the table with `table_id`, where an absent, `null` or
//! empty value means "regular fields".

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::table::CategoryTable;
use super::{CategoryFieldConfig, TransformSettings};
use crate::Id;

/// A stored field: its id and its properties.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CategoryField {
    pub id: Id,
    #[serde(flatten)]
    pub props: FieldProps,
}

/// The properties of a stored field, every one present.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FieldProps {
    pub name: String,
    pub description: String,
    pub prompt: String,
    pub use_prompt: bool,
    pub alias: Vec<String>,
    /// Export name; empty when unset.
    pub identity: String,
    pub multi_value: bool,
    pub duplicate_value_distinct: bool,
    pub transform_settings: Option<TransformSettings>,
    /// The field's model; a table field has its table's.
    pub extract_model: String,
    /// Always 1: fields are not disabled one by one.
    pub enabled: i64,
}

/// One entry of the result of `fields/batch_add` (and `fields/add`): the id, and
/// the properties with `with_detail`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FieldAdded {
    pub field_id: Id,
    #[serde(flatten)]
    #[schema(schema_with = crate::schema::optional_properties::<FieldProps>)]
    pub detail: Option<FieldProps>,
}

/// Query of `category/fields/list`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListFieldsQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub category_id: Option<Id>,
}

/// Result of `category/fields/list`: regular fields, and tables with their fields.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldList {
    pub fields: Vec<CategoryField>,
    pub tables: Vec<CategoryTable>,
}

/// Body of `category/fields/batch_add`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BatchAddFieldsRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// Adds columns to this table; absent or empty adds regular fields.
    #[serde(default, deserialize_with = "blank_id")]
    #[schema(value_type = Option<String>)]
    pub table_id: Option<Id>,
    /// Required, 1 to 100 fields.
    #[schema(required = true, nullable = false, min_items = 1, max_items = 100)]
    pub fields: Option<Vec<CategoryFieldConfig>>,
    /// `true` returns every property of the new fields.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
}

/// Changes to one field: an absent property is left unchanged.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CategoryFieldUpdate {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub field_id: Option<Id>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub prompt: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub use_prompt: Option<bool>,
    /// `[]` clears, a non-empty list replaces.
    pub alias: Option<Vec<String>>,
    /// `""` clears.
    pub identity: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub multi_value: Option<bool>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub duplicate_value_distinct: Option<bool>,
    /// An object replaces the settings; `null` removes them.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<TransformSettings>)]
    pub transform_settings: Option<Option<TransformSettings>>,
    /// Regular fields only; table fields follow their table.
    pub extract_model: Option<String>,
}

/// Body of `category/fields/batch_update`; all the changes are applied, or none.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BatchUpdateFieldsRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// When given, every field must be a column of this table.
    #[serde(default, deserialize_with = "blank_id")]
    #[schema(value_type = Option<String>)]
    pub table_id: Option<Id>,
    /// Required, 1 to 100 changes.
    #[schema(required = true, nullable = false, min_items = 1, max_items = 100)]
    pub fields: Option<Vec<CategoryFieldUpdate>>,
    /// `true` returns the fields after the change.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
}

/// Body of `category/fields/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteFieldsRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// Required, at least one; all are deleted, or none if one is not found.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub field_ids: Option<Vec<Id>>,
    /// When given, every field must be a column of this table.
    #[serde(default, deserialize_with = "blank_id")]
    #[schema(value_type = Option<String>)]
    pub table_id: Option<Id>,
}

/// The envelope fields of the deprecated `category/fields/add`; the field's own
/// properties are a [`CategoryFieldConfig`] read from the same body.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AddFieldRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// Adds a column to this table; absent or empty adds a regular field.
    #[serde(default, deserialize_with = "blank_id")]
    #[schema(value_type = Option<String>)]
    pub table_id: Option<Id>,
    /// Regular fields only; the default is the category's model (`Auto` if mixed).
    pub extract_model: Option<String>,
    /// `true` returns every property of the new field.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
    #[serde(flatten)]
    pub field: CategoryFieldConfig,
}

/// The deprecated `category/fields/update`: one [`CategoryFieldUpdate`] in the body.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UpdateFieldRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// When given, the field must be a column of this table.
    #[serde(default, deserialize_with = "blank_id")]
    #[schema(value_type = Option<String>)]
    pub table_id: Option<Id>,
    /// `true` returns the field after the change.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
    #[serde(flatten)]
    pub field: CategoryFieldUpdate,
}

/// Query of `category/fields/config`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FieldConfigQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub category_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub field_id: Option<Id>,
}

/// Result of `category/fields/config`: the extraction settings of one field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldConfig {
    pub field_id: Id,
    pub field_name: String,
    pub alias: Vec<String>,
    pub identity: String,
    pub multi_value: bool,
    pub duplicate_value_distinct: bool,
    pub transform_settings: Option<TransformSettings>,
}

/// An optional id where `""` means absent, as form-minded clients send it.
fn blank_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Id>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Blank {
        Id(Id),
        Text(String),
    }
    match Option::<Blank>::deserialize(deserializer)? {
        None => Ok(None),
        Some(Blank::Id(id)) => Ok(Some(id)),
        Some(Blank::Text(text)) if text.trim().is_empty() => Ok(None),
        Some(Blank::Text(text)) => Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Str(&text),
            &"an id: a string of digits or a positive integer",
        )),
    }
}

/// Tells a present `null` (`Some(None)`) from an absent key (`None`, by `default`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_table_id_means_regular_fields() {
        for body in [r#"{"table_id": ""}"#, r#"{"table_id": null}"#, "{}"] {
            let request: DeleteFieldsRequest = serde_json::from_str(body).unwrap();
            assert_eq!(request.table_id, None, "{body}");
        }
        let request: DeleteFieldsRequest = serde_json::from_str(r#"{"table_id": "12"}"#).unwrap();
        assert_eq!(request.table_id, Some(Id(12)));
        assert!(serde_json::from_str::<DeleteFieldsRequest>(r#"{"table_id": "x"}"#).is_err());
    }

    #[test]
    fn a_null_transform_is_told_from_an_absent_one() {
        let absent: CategoryFieldUpdate = serde_json::from_str("{}").unwrap();
        let null: CategoryFieldUpdate = serde_json::from_str(r#"{"transform_settings": null}"#).unwrap();
        assert_eq!(absent.transform_settings, None);
        assert_eq!(null.transform_settings, Some(None));
    }

    #[test]
    fn the_deprecated_add_reads_the_field_from_the_same_body() {
        let request: AddFieldRequest =
            serde_json::from_str(r#"{"workspace_id": "1", "category_id": 2, "name": "Total", "alias": ["Sum"]}"#)
                .unwrap();
        assert_eq!(request.field.name.as_deref(), Some("Total"));
        assert_eq!(request.field.alias, Some(vec!["Sum".to_owned()]));
    }
}
