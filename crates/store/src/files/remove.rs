//! Deleting files (`file/delete`): any file matching any condition goes, with
//! its stored bytes and its pending work.

use docreview_core::Caller;
use docreview_core::files::FileDeletion;

use crate::jobs::JobKind;
use crate::workspaces::ensure_workspace_visible;
use crate::{Store, StoreError};

impl Store {
    /// Deletes the matching files; returns how many were deleted.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_files(&self, caller: &Caller, deletion: &FileDeletion) -> Result<u64, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        let mut deleted = 0;
        let ws = deletion.workspace_id;
        for batch in &deletion.batch_numbers {
            deleted += delete_where(&mut tx, "workspace_id = $1 AND batch_number = $2", ws, Param::Text(batch)).await?;
        }
        for &task_id in &deletion.task_ids {
            deleted += delete_where(&mut tx, "workspace_id = $1 AND task_id = $2", ws, Param::Int(task_id)).await?;
        }
        for &file_id in &deletion.file_ids {
            deleted += delete_where(&mut tx, "workspace_id = $1 AND id = $2", ws, Param::Int(file_id)).await?;
        }
        if deletion.created_from.is_some() || deletion.created_to.is_some() {
            let range =
                Param::Range(deletion.created_from.unwrap_or(i64::MIN), deletion.created_to.unwrap_or(i64::MAX));
            deleted +=
                delete_where(&mut tx, "workspace_id = $1 AND created_at >= $2 AND created_at <= $3", ws, range).await?;
        }
        tx.commit().await?;
        Ok(deleted)
    }
}

#[derive(Debug, Clone, Copy)]
enum Param<'a> {
    Text(&'a str),
    Int(i64),
    Range(i64, i64),
}

/// Deletes the files matching `condition` and their extraction jobs.
async fn delete_where(
    conn: &mut sqlx::AnyConnection,
    condition: &str,
    workspace_id: i64,
    param: Param<'_>,
) -> Result<u64, StoreError> {
    let jobs = format!(
        "DELETE FROM jobs WHERE kind = '{}' AND subject_id IN (SELECT id FROM files WHERE {condition})",
        JobKind::Extract.as_str()
    );
    bound(jobs, workspace_id, param).execute(&mut *conn).await?;
    let files = format!("DELETE FROM files WHERE {condition}");
    Ok(bound(files, workspace_id, param).execute(&mut *conn).await?.rows_affected())
}

fn bound(
    sql: String,
    workspace_id: i64,
    param: Param<'_>,
) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments> {
    let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(workspace_id);
    match param {
        Param::Text(text) => query.bind(text),
        Param::Int(id) => query.bind(id),
        Param::Range(from, to) => query.bind(from).bind(to),
    }
}
