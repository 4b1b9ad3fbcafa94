//! Finding a category and its parts inside a transaction, and taking turns.
//!
//! Limits that count rows (20 samples, 100 fields, "keep one sample") and checks
//! across categories (names, keyword rules) are only sound if two writers cannot
//! interleave. SQLite has one writer at a time already; on PostgreSQL the
//! writers lock the row they start from (`FOR UPDATE`) and hold it until commit.
//! Writes that look across categories lock the workspace first, then the
//! category, so locks are always taken in the same order.

use docreview_core::category::ExtractModel;
use sqlx::AnyConnection;

use super::rows::{CategoryDbRow, CategoryRow, TableDbRow, TableRow};
use crate::{ObjectKind, StoreError};

/// `backend_name()` of a PostgreSQL connection.
const POSTGRES: &str = "PostgreSQL";

/// Locks the workspace row on PostgreSQL until the transaction ends.
pub(crate) async fn lock_workspace(conn: &mut AnyConnection, workspace_id: i64) -> Result<(), StoreError> {
    if conn.backend_name() == POSTGRES {
        sqlx::query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE")
            .bind(workspace_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The category, which must be in the workspace; on PostgreSQL its row stays
/// locked until the transaction ends.
pub(crate) async fn lock_category(
    conn: &mut AnyConnection,
    workspace_id: i64,
    category_id: i64,
) -> Result<CategoryRow, StoreError> {
    if conn.backend_name() == POSTGRES {
        sqlx::query("SELECT id FROM categories WHERE id = $1 AND workspace_id = $2 FOR UPDATE")
            .bind(category_id)
            .bind(workspace_id)
            .execute(&mut *conn)
            .await?;
    }
    category_in_workspace(conn, workspace_id, category_id).await
}

/// The category, which must be in the workspace.
pub(crate) async fn category_in_workspace(
    conn: &mut AnyConnection,
    workspace_id: i64,
    category_id: i64,
) -> Result<CategoryRow, StoreError> {
    let row: CategoryDbRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{} WHERE c.id = $1 AND c.workspace_id = $2",
        CategoryDbRow::SELECT
    )))
    .bind(category_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found_in(ObjectKind::Category, category_id, ObjectKind::Workspace, workspace_id))?;
    CategoryRow::try_from(row)
}

/// The table, which must belong to the category.
pub(crate) async fn table_in_category(
    conn: &mut AnyConnection,
    category_id: i64,
    table_id: i64,
) -> Result<TableRow, StoreError> {
    let row: TableDbRow =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{} WHERE id = $1 AND category_id = $2", TableDbRow::SELECT)))
            .bind(table_id)
            .bind(category_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| {
                StoreError::not_found_in(ObjectKind::CategoryTable, table_id, ObjectKind::Category, category_id)
            })?;
    Ok(row.into())
}

/// The model new regular fields and tables inherit: the category's, or `Auto`
/// when its fields and tables already differ.
pub(crate) fn inherited_model(category: &CategoryRow) -> Result<ExtractModel, StoreError> {
    if category.mixed {
        return Ok(ExtractModel::Auto);
    }
    stored_model(&category.extract_model)
}

/// A model read back from a row.
pub(crate) fn stored_model(name: &str) -> Result<ExtractModel, StoreError> {
    ExtractModel::from_name(name).ok_or_else(|| StoreError::Corrupt(format!("unknown extract_model {name:?}")))
}

/// How many rows of `table` (a table of the category's parts) the category has.
pub(crate) async fn count_in_category(
    conn: &mut AnyConnection,
    table: Part,
    category_id: i64,
) -> Result<usize, StoreError> {
    let sql = match table {
        Part::Fields => "SELECT COUNT(*) FROM category_fields WHERE category_id = $1",
        Part::Tables => "SELECT COUNT(*) FROM category_tables WHERE category_id = $1",
        Part::Samples => "SELECT COUNT(*) FROM category_samples WHERE category_id = $1",
    };
    let (count,): (i64,) = sqlx::query_as(sql).bind(category_id).fetch_one(&mut *conn).await?;
    Ok(usize::try_from(count).unwrap_or_default())
}

/// The parts of a category that are counted against a limit.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Fields,
    Tables,
    Samples,
}

/// A unique index fired although the checks before it passed (a concurrent
/// writer, or a rename chain inside one batch): a conflict, not a fault.
pub(crate) fn conflict_on_unique(error: sqlx::Error, message: impl FnOnce() -> String) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(message()),
        _ => StoreError::Database(error),
    }
}

/// Fails with "category … not found in workspace …" for the first of
/// `category_ids` that is not a category of the workspace, so a rule can only
/// be scoped to categories its documents can have.
pub(crate) async fn ensure_categories_in_workspace(
    conn: &mut AnyConnection,
    workspace_id: i64,
    category_ids: &[i64],
) -> Result<(), StoreError> {
    if category_ids.is_empty() {
        return Ok(());
    }
    let existing: Vec<(i64,)> = sqlx::query_as("SELECT id FROM categories WHERE workspace_id = $1")
        .bind(workspace_id)
        .fetch_all(&mut *conn)
        .await?;
    match category_ids.iter().find(|id| !existing.iter().any(|(found,)| found == *id)) {
        Some(missing) => {
            Err(StoreError::not_found_in(ObjectKind::Category, *missing, ObjectKind::Workspace, workspace_id))
        }
        None => Ok(()),
    }
}
