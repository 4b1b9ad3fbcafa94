//! Field requests: batch add, batch update and delete, and the deprecated
//! single-field forms, which are batches of one.

use docreview_wire::category::field::{
    AddFieldRequest, BatchAddFieldsRequest, BatchUpdateFieldsRequest, DeleteFieldsRequest, UpdateFieldRequest,
};

use super::common::{at, item, scope, sized};
use super::extract_model::ExtractModel;
use super::field::{FIELDS_PER_CATEGORY_MAX, FieldConfig, FieldPatch};
use crate::validation::{self, ValidationError};

/// Fields to add to a category, as regular fields or as columns of `table_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFields {
    pub workspace_id: i64,
    pub category_id: i64,
    pub table_id: Option<i64>,
    pub fields: Vec<FieldConfig>,
}

impl TryFrom<BatchAddFieldsRequest> for NewFields {
    type Error = ValidationError;

    fn try_from(request: BatchAddFieldsRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        Ok(Self {
            workspace_id,
            category_id,
            table_id: request.table_id.map(|id| id.0),
            fields: FieldConfig::parse_list(request.fields, "fields", 1)?,
        })
    }
}

impl TryFrom<AddFieldRequest> for NewFields {
    type Error = ValidationError;

    fn try_from(request: AddFieldRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        let table_id = request.table_id.map(|id| id.0);
        let mut field = FieldConfig::parse(request.field, "")?;
        field.extract_model =
            request.extract_model.as_deref().map(|m| ExtractModel::parse(m, "extract_model")).transpose()?;
        if table_id.is_some() && field.extract_model.is_some() {
            return Err(table_field_model("extract_model"));
        }
        Ok(Self { workspace_id, category_id, table_id, fields: vec![field] })
    }
}

/// Changes to several fields of a category, applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldsPatch {
    pub workspace_id: i64,
    pub category_id: i64,
    /// When set, every field must be a column of this table.
    pub table_id: Option<i64>,
    pub fields: Vec<FieldPatch>,
}

impl TryFrom<BatchUpdateFieldsRequest> for FieldsPatch {
    type Error = ValidationError;

    fn try_from(request: BatchUpdateFieldsRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        let updates = sized(request.fields, "fields", 1, FIELDS_PER_CATEGORY_MAX)?;
        let mut fields: Vec<FieldPatch> = Vec::with_capacity(updates.len());
        for (index, update) in updates.into_iter().enumerate() {
            let path = item("fields", index);
            let patch = FieldPatch::parse(update, &path)?;
            if fields.iter().any(|f| f.field_id == patch.field_id) {
                return Err(ValidationError::new(
                    at(&path, "field_id"),
                    format!("field {} is listed twice", patch.field_id),
                ));
            }
            fields.push(patch);
        }
        let patch = Self { workspace_id, category_id, table_id: request.table_id.map(|id| id.0), fields };
        patch.check_table_models("fields")
    }
}

impl TryFrom<UpdateFieldRequest> for FieldsPatch {
    type Error = ValidationError;

    fn try_from(request: UpdateFieldRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        let field = FieldPatch::parse(request.field, "")?;
        let patch = Self { workspace_id, category_id, table_id: request.table_id.map(|id| id.0), fields: vec![field] };
        patch.check_table_models("")
    }
}

impl FieldsPatch {
    /// Columns follow their table's model; a request naming a table cannot set
    /// one. `list` is where the changes were (empty for a one-field body).
    fn check_table_models(self, list: &str) -> Result<Self, ValidationError> {
        if let (Some(_), Some(index)) = (self.table_id, self.fields.iter().position(|f| f.extract_model.is_some())) {
            let path = if list.is_empty() { String::new() } else { item(list, index) };
            return Err(table_field_model(&at(&path, "extract_model")));
        }
        Ok(self)
    }
}

/// The error for a model set on a table column.
pub(crate) fn table_field_model(field: &str) -> ValidationError {
    ValidationError::new(field, "table fields follow their table's model; set extract_model on the table")
}

/// Fields to delete from a category (columns of `table_id` when set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDeletion {
    pub workspace_id: i64,
    pub category_id: i64,
    pub table_id: Option<i64>,
    pub field_ids: Vec<i64>,
}

impl TryFrom<DeleteFieldsRequest> for FieldDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteFieldsRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        Ok(Self {
            workspace_id,
            category_id,
            table_id: request.table_id.map(|id| id.0),
            field_ids: validation::id_list(request.field_ids, "field_ids", FIELDS_PER_CATEGORY_MAX)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use docreview_wire::Id;
    use docreview_wire::category::field::CategoryFieldUpdate;

    use super::*;

    #[test]
    fn table_columns_cannot_set_their_own_model() {
        let request = BatchUpdateFieldsRequest {
            workspace_id: Some(Id(1)),
            category_id: Some(Id(2)),
            table_id: Some(Id(3)),
            fields: Some(vec![CategoryFieldUpdate {
                field_id: Some(Id(4)),
                extract_model: Some("Acgpt".into()),
                ..Default::default()
            }]),
            with_detail: None,
        };
        assert_eq!(FieldsPatch::try_from(request).unwrap_err().field, "fields[0].extract_model");
    }

    #[test]
    fn a_batch_update_names_each_field_once() {
        let update = |id| CategoryFieldUpdate { field_id: Some(Id(id)), ..Default::default() };
        let request = BatchUpdateFieldsRequest {
            workspace_id: Some(Id(1)),
            category_id: Some(Id(2)),
            fields: Some(vec![update(4), update(5), update(4)]),
            ..Default::default()
        };
        assert_eq!(FieldsPatch::try_from(request).unwrap_err().field, "fields[2].field_id");
    }
}
