//! Fields of a category: regular fields and table columns.

use docreview_core::Caller;
use docreview_core::category::{FIELDS_PER_CATEGORY_MAX, FieldDeletion, FieldPatch, FieldsPatch, NewFields};
use sqlx::AnyConnection;

use super::definitions::parts;
use super::insert::{FieldTarget, insert_field};
use super::lookup::{
    Part, category_in_workspace, conflict_on_unique, count_in_category, inherited_model, lock_category, stored_model,
    table_in_category,
};
use super::rows::{FieldDbRow, FieldRow, TableTree};
use crate::clock::now_ms;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, json};

impl Store {
    /// The category's regular fields, and its tables with their columns.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_category_fields(
        &self,
        caller: &Caller,
        workspace_id: i64,
        category_id: i64,
    ) -> Result<(Vec<FieldRow>, Vec<TableTree>), StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        category_in_workspace(&mut tx, workspace_id, category_id).await?;
        let parts = parts(&mut tx, category_id).await?;
        tx.commit().await?;
        Ok(parts)
    }

    /// One field (regular or column) of the category.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn get_category_field(
        &self,
        caller: &Caller,
        workspace_id: i64,
        category_id: i64,
        field_id: i64,
    ) -> Result<FieldRow, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        category_in_workspace(&mut tx, workspace_id, category_id).await?;
        let field = field_in_category(&mut tx, category_id, field_id, None).await?;
        tx.commit().await?;
        Ok(field)
    }

    /// Adds the fields, as regular fields or as columns of `new.table_id`, all or
    /// none; returns them in request order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn add_category_fields(&self, caller: &Caller, new: &NewFields) -> Result<Vec<FieldRow>, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        let category = lock_category(&mut tx, new.workspace_id, new.category_id).await?;
        let model = match new.table_id {
            Some(table_id) => {
                stored_model(&table_in_category(&mut tx, new.category_id, table_id).await?.extract_model)?
            }
            None => inherited_model(&category)?,
        };
        let existing = count_in_category(&mut tx, Part::Fields, new.category_id).await?;
        if existing + new.fields.len() > FIELDS_PER_CATEGORY_MAX {
            return Err(StoreError::Conflict(format!(
                "fields: category {} has {existing} fields; {} more would exceed {FIELDS_PER_CATEGORY_MAX}",
                new.category_id,
                new.fields.len()
            )));
        }
        let taken = names_in_scope(&mut tx, new.category_id, new.table_id).await?;
        for field in &new.fields {
            if taken.iter().any(|(_, name)| *name == field.name) {
                return Err(StoreError::Conflict(name_taken(&field.name, new.category_id, new.table_id)));
            }
        }
        let target = FieldTarget { category_id: new.category_id, table_id: new.table_id, model };
        let now = now_ms();
        let mut ids = Vec::with_capacity(new.fields.len());
        for field in &new.fields {
            let id = self.next_id();
            insert_field(&mut tx, id, target, field, now).await?;
            ids.push(id);
        }
        let rows = fields_by_id(&mut tx, new.category_id, &ids).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Applies every change, or none; returns the fields in request order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn update_category_fields(
        &self,
        caller: &Caller,
        patch: &FieldsPatch,
    ) -> Result<Vec<FieldRow>, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, patch.workspace_id).await?;
        lock_category(&mut tx, patch.workspace_id, patch.category_id).await?;
        if let Some(table_id) = patch.table_id {
            table_in_category(&mut tx, patch.category_id, table_id).await?;
        }
        let mut current = Vec::with_capacity(patch.fields.len());
        for change in &patch.fields {
            let field = field_in_category(&mut tx, patch.category_id, change.field_id, patch.table_id).await?;
            if change.extract_model.is_some() && field.table_id.is_some() {
                return Err(StoreError::Conflict(format!(
                    "extract_model: field {} is a column of table {}, whose model it follows",
                    field.id,
                    field.table_id.unwrap_or_default()
                )));
            }
            current.push(field);
        }
        ensure_renames_free(&mut tx, patch.category_id, &current, &patch.fields).await?;
        let now = now_ms();
        for (field, change) in current.iter().zip(&patch.fields) {
            update_field(&mut tx, field, change, patch.category_id, now).await?;
        }
        let ids: Vec<i64> = patch.fields.iter().map(|f| f.field_id).collect();
        let rows = fields_by_id(&mut tx, patch.category_id, &ids).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Deletes the fields (columns of `deletion.table_id` when set); all or none.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_category_fields(&self, caller: &Caller, deletion: &FieldDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        lock_category(&mut tx, deletion.workspace_id, deletion.category_id).await?;
        if let Some(table_id) = deletion.table_id {
            table_in_category(&mut tx, deletion.category_id, table_id).await?;
        }
        for &field_id in &deletion.field_ids {
            field_in_category(&mut tx, deletion.category_id, field_id, deletion.table_id).await?;
        }
        for &field_id in &deletion.field_ids {
            sqlx::query("DELETE FROM category_fields WHERE id = $1").bind(field_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The field, which must belong to the category (and to `table_id` when given).
async fn field_in_category(
    conn: &mut AnyConnection,
    category_id: i64,
    field_id: i64,
    table_id: Option<i64>,
) -> Result<FieldRow, StoreError> {
    let row: Option<FieldDbRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{} WHERE id = $1 AND category_id = $2", FieldDbRow::SELECT)))
            .bind(field_id)
            .bind(category_id)
            .fetch_optional(&mut *conn)
            .await?;
    let field = row.map(FieldRow::try_from).transpose()?.ok_or_else(|| {
        StoreError::not_found_in(ObjectKind::CategoryField, field_id, ObjectKind::Category, category_id)
    })?;
    match table_id {
        Some(table_id) if field.table_id != Some(table_id) => {
            Err(StoreError::not_found_in(ObjectKind::CategoryField, field_id, ObjectKind::CategoryTable, table_id))
        }
        _ => Ok(field),
    }
}

/// The fields with these ids, in the order of `ids`.
pub(crate) async fn fields_by_id(
    conn: &mut AnyConnection,
    category_id: i64,
    ids: &[i64],
) -> Result<Vec<FieldRow>, StoreError> {
    let mut rows = Vec::with_capacity(ids.len());
    for &id in ids {
        rows.push(field_in_category(conn, category_id, id, None).await?);
    }
    Ok(rows)
}

/// `(id, name)` of the regular fields of the category, or of a table's columns.
async fn names_in_scope(
    conn: &mut AnyConnection,
    category_id: i64,
    table_id: Option<i64>,
) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as("SELECT id, name FROM category_fields WHERE category_id = $1 AND COALESCE(table_id, 0) = $2")
        .bind(category_id)
        .bind(table_id.unwrap_or(0))
        .fetch_all(&mut *conn)
        .await?)
}

/// A renamed field must not take the name another field of its scope has now
/// (even one this batch renames: renames apply one by one), nor the new name
/// of another field of the batch.
async fn ensure_renames_free(
    conn: &mut AnyConnection,
    category_id: i64,
    current: &[FieldRow],
    changes: &[FieldPatch],
) -> Result<(), StoreError> {
    for (field, change) in current.iter().zip(changes) {
        let Some(name) = &change.name else { continue };
        if *name == field.name {
            continue;
        }
        let in_scope = names_in_scope(conn, category_id, field.table_id).await?;
        let taken = in_scope.iter().any(|(id, other)| *id != field.id && other == name);
        let taken_in_batch = current
            .iter()
            .zip(changes)
            .any(|(f, c)| f.id != field.id && f.table_id == field.table_id && c.name.as_deref() == Some(name.as_str()));
        if taken || taken_in_batch {
            return Err(StoreError::Conflict(name_taken(name, category_id, field.table_id)));
        }
    }
    Ok(())
}

async fn update_field(
    conn: &mut AnyConnection,
    field: &FieldRow,
    change: &FieldPatch,
    category_id: i64,
    now: i64,
) -> Result<(), StoreError> {
    let alias = change.alias.as_ref().map(json::encode).transpose()?;
    let transform = match &change.transform {
        Some(Some(settings)) => Some(json::encode(settings)?),
        _ => None,
    };
    sqlx::query(
        "UPDATE category_fields SET name = COALESCE($2, name), description = COALESCE($3, description), \
         prompt = COALESCE($4, prompt), use_prompt = COALESCE($5, use_prompt), alias = COALESCE($6, alias), \
         identity = COALESCE($7, identity), multi_value = COALESCE($8, multi_value), \
         duplicate_value_distinct = COALESCE($9, duplicate_value_distinct), \
         transform_settings = CASE WHEN $10 = 1 THEN $11 ELSE transform_settings END, \
         extract_model = COALESCE($12, extract_model), updated_at = $13 WHERE id = $1",
    )
    .bind(change.field_id)
    .bind(change.name.as_deref())
    .bind(change.description.as_deref())
    .bind(change.prompt.as_deref())
    .bind(change.use_prompt.map(i64::from))
    .bind(alias)
    .bind(change.identity.as_deref())
    .bind(change.multi_value.map(i64::from))
    .bind(change.duplicate_value_distinct.map(i64::from))
    .bind(i64::from(change.transform.is_some()))
    .bind(transform)
    .bind(change.extract_model.map(|m| m.as_str()))
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(|e| {
        conflict_on_unique(e, || name_taken(change.name.as_deref().unwrap_or_default(), category_id, field.table_id))
    })?;
    Ok(())
}

fn name_taken(name: &str, category_id: i64, table_id: Option<i64>) -> String {
    match table_id {
        Some(table_id) => format!("name: a field named {name:?} already exists in table {table_id}"),
        None => format!("name: a field named {name:?} already exists in category {category_id}"),
    }
}
