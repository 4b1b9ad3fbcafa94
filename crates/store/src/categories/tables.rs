//! Tables of a category, with their columns.

use docreview_core::Caller;
use docreview_core::category::{
    ExtractModel, FIELDS_PER_CATEGORY_MAX, NewTables, TABLES_PER_CATEGORY_MAX, TableDeletion, TablePatch, TablesPatch,
};
use sqlx::AnyConnection;

use super::insert::{FieldTarget, insert_field, insert_table};
use super::lookup::{
    Part, category_in_workspace, conflict_on_unique, count_in_category, inherited_model, lock_category, stored_model,
    table_in_category,
};
use super::rows::{FieldDbRow, FieldRow, TableDbRow, TableRow, TableTree};
use crate::clock::now_ms;
use crate::workspaces::ensure_workspace_visible;
use crate::{Store, StoreError};

impl Store {
    /// The category's tables, without their columns, in creation order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_category_tables(
        &self,
        caller: &Caller,
        workspace_id: i64,
        category_id: i64,
    ) -> Result<Vec<TableRow>, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        category_in_workspace(&mut tx, workspace_id, category_id).await?;
        let rows: Vec<TableDbRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{} WHERE category_id = $1 ORDER BY id", TableDbRow::SELECT)))
                .bind(category_id)
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(rows.into_iter().map(TableRow::from).collect())
    }

    /// Adds the tables with their columns, all or none; returns them in request order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn add_category_tables(&self, caller: &Caller, new: &NewTables) -> Result<Vec<TableTree>, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        let category = lock_category(&mut tx, new.workspace_id, new.category_id).await?;
        let tables = count_in_category(&mut tx, Part::Tables, new.category_id).await?;
        if tables + new.tables.len() > TABLES_PER_CATEGORY_MAX {
            return Err(StoreError::Conflict(format!(
                "tables: category {} has {tables} tables; {} more would exceed {TABLES_PER_CATEGORY_MAX}",
                new.category_id,
                new.tables.len()
            )));
        }
        let fields = count_in_category(&mut tx, Part::Fields, new.category_id).await?;
        let columns: usize = new.tables.iter().map(|t| t.fields.len()).sum();
        if fields + columns > FIELDS_PER_CATEGORY_MAX {
            return Err(StoreError::Conflict(format!(
                "tables: category {} has {fields} fields; {columns} table fields more would exceed \
                 {FIELDS_PER_CATEGORY_MAX}",
                new.category_id
            )));
        }
        let inherited = inherited_model(&category)?;
        let now = now_ms();
        let mut ids = Vec::with_capacity(new.tables.len());
        for table in &new.tables {
            ensure_name_free(&mut tx, new.category_id, &table.name, None).await?;
            let model = table.extract_model.unwrap_or(inherited);
            ensure_merge_supported(model, table.collect_from_multi_table, &table.name)?;
            let id = self.next_id();
            insert_table(&mut tx, id, new.category_id, table, model, now).await?;
            let column = FieldTarget { category_id: new.category_id, table_id: Some(id), model };
            for field in &table.fields {
                insert_field(&mut tx, self.next_id(), column, field, now).await?;
            }
            ids.push(id);
        }
        let trees = trees_by_id(&mut tx, new.category_id, &ids).await?;
        tx.commit().await?;
        Ok(trees)
    }

    /// Applies every change, or none; a new model also becomes the model of the
    /// table's columns. Returns the tables in request order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn update_category_tables(
        &self,
        caller: &Caller,
        patch: &TablesPatch,
    ) -> Result<Vec<TableTree>, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, patch.workspace_id).await?;
        lock_category(&mut tx, patch.workspace_id, patch.category_id).await?;
        let mut current = Vec::with_capacity(patch.tables.len());
        for change in &patch.tables {
            current.push(table_in_category(&mut tx, patch.category_id, change.table_id).await?);
        }
        for (table, change) in current.iter().zip(&patch.tables) {
            if let Some(name) = change.name.as_deref().filter(|n| *n != table.name) {
                ensure_name_free(&mut tx, patch.category_id, name, Some(table.id)).await?;
                let twice = patch.tables.iter().filter(|c| c.name.as_deref() == Some(name)).count() > 1;
                if twice {
                    return Err(StoreError::Conflict(name_taken(name, patch.category_id)));
                }
            }
            let model = match change.extract_model {
                Some(model) => model,
                None => stored_model(&table.extract_model)?,
            };
            let collect = change.collect_from_multi_table.unwrap_or(table.collect_from_multi_table);
            ensure_merge_supported(model, collect, change.name.as_deref().unwrap_or(&table.name))?;
        }
        let now = now_ms();
        for change in &patch.tables {
            update_table(&mut tx, change, patch.category_id, now).await?;
        }
        let ids: Vec<i64> = patch.tables.iter().map(|t| t.table_id).collect();
        let trees = trees_by_id(&mut tx, patch.category_id, &ids).await?;
        tx.commit().await?;
        Ok(trees)
    }

    /// Deletes the tables with their columns; all or none.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_category_tables(&self, caller: &Caller, deletion: &TableDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        lock_category(&mut tx, deletion.workspace_id, deletion.category_id).await?;
        for &table_id in &deletion.table_ids {
            table_in_category(&mut tx, deletion.category_id, table_id).await?;
        }
        for &table_id in &deletion.table_ids {
            // The columns go with the table (ON DELETE CASCADE).
            sqlx::query("DELETE FROM category_tables WHERE id = $1").bind(table_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn update_table(
    conn: &mut AnyConnection,
    change: &TablePatch,
    category_id: i64,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE category_tables SET name = COALESCE($2, name), description = COALESCE($3, description), \
         prompt = COALESCE($4, prompt), collect_from_multi_table = COALESCE($5, collect_from_multi_table), \
         extract_model = COALESCE($6, extract_model), updated_at = $7 WHERE id = $1",
    )
    .bind(change.table_id)
    .bind(change.name.as_deref())
    .bind(change.description.as_deref())
    .bind(change.prompt.as_deref())
    .bind(change.collect_from_multi_table.map(i64::from))
    .bind(change.extract_model.map(ExtractModel::as_str))
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(|e| conflict_on_unique(e, || name_taken(change.name.as_deref().unwrap_or_default(), category_id)))?;
    if let Some(model) = change.extract_model {
        sqlx::query("UPDATE category_fields SET extract_model = $2, updated_at = $3 WHERE table_id = $1")
            .bind(change.table_id)
            .bind(model.as_str())
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The tables with these ids and their columns, in the order of `ids`.
async fn trees_by_id(conn: &mut AnyConnection, category_id: i64, ids: &[i64]) -> Result<Vec<TableTree>, StoreError> {
    let mut trees = Vec::with_capacity(ids.len());
    for &id in ids {
        let table = table_in_category(conn, category_id, id).await?;
        let columns: Vec<FieldDbRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{} WHERE table_id = $1 ORDER BY id", FieldDbRow::SELECT)))
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        let fields = columns.into_iter().map(FieldRow::try_from).collect::<Result<_, _>>()?;
        trees.push(TableTree { table, fields });
    }
    Ok(trees)
}

/// Table names are unique in a category.
async fn ensure_name_free(
    conn: &mut AnyConnection,
    category_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<(), StoreError> {
    let taken: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM category_tables WHERE category_id = $1 AND name = $2 AND id <> $3")
            .bind(category_id)
            .bind(name)
            .bind(except.unwrap_or(0))
            .fetch_optional(&mut *conn)
            .await?;
    match taken {
        Some(_) => Err(StoreError::Conflict(name_taken(name, category_id))),
        None => Ok(()),
    }
}

fn name_taken(name: &str, category_id: i64) -> String {
    format!("name: a table named {name:?} already exists in category {category_id}")
}

/// The vision model reads pages one by one and cannot merge tables across them;
/// reached when a table inherits that model, or keeps merging while it changes.
fn ensure_merge_supported(model: ExtractModel, collect: bool, table: &str) -> Result<(), StoreError> {
    if collect && !model.merges_tables() {
        return Err(StoreError::Conflict(format!(
            "collect_from_multi_table: table {table:?} merges tables across pages, which {} does not support",
            model.as_str()
        )));
    }
    Ok(())
}
