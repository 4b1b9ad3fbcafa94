//! Changing a file after extraction: corrected results, a re-run, another
//! category. Each requires the task to be finished (not being processed).

use docreview_core::Caller;
use docreview_wire::file::ExtractionData;

use crate::clock::now_ms;
use crate::jobs::{self, JobKind};
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, json};
use docreview_core::states::{FileStatus, IntCode};

/// Which file to change: by file id or by extraction task id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRef {
    File(i64),
    Task(i64),
}

impl Store {
    /// Replaces the extraction data of each file with the given data (the
    /// corrected result becomes the result); all files or none.
    pub async fn replace_file_data(
        &self,
        caller: &Caller,
        items: &[(i64, FileRef, ExtractionData)],
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut tx = self.write.begin().await?;
        let mut updated = Vec::with_capacity(items.len());
        for (workspace_id, file, data) in items {
            ensure_workspace_visible(&mut tx, caller, *workspace_id).await?;
            let (file_id, _) = finished_file(&mut tx, *workspace_id, *file).await?;
            sqlx::query(
                "UPDATE files SET data = $2, result_version = result_version + 1, updated_at = $3 WHERE id = $1",
            )
            .bind(file_id)
            .bind(json::encode(data)?)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
            updated.push((*workspace_id, file_id));
        }
        tx.commit().await?;
        Ok(updated)
    }

    /// Runs the pipeline again for a finished task, overwriting its results;
    /// `category` (an amendment) replaces the category it is extracted as.
    pub async fn rerun_file(
        &self,
        caller: &Caller,
        workspace_id: i64,
        file: FileRef,
        parser_params: Option<&serde_json::Value>,
        category: Option<&str>,
    ) -> Result<(), StoreError> {
        let parser_params = parser_params.map(json::encode).transpose()?;
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let (file_id, generation) = finished_file(&mut tx, workspace_id, file).await?;
        let stored: Option<(i64,)> = sqlx::query_as("SELECT file_id FROM file_contents WHERE file_id = $1")
            .bind(file_id)
            .fetch_optional(&mut *tx)
            .await?;
        if stored.is_none() {
            return Err(StoreError::Conflict(format!(
                "file {file_id} was refused at upload, so there is nothing to run again; upload it again"
            )));
        }
        let generation = generation + 1;
        sqlx::query(
            "UPDATE files SET generation = $2, recognition_status = $3, failure_causes = NULL, \
             parser_params = COALESCE($4, parser_params), requested_category = COALESCE($5, requested_category), \
             updated_at = $6 WHERE id = $1",
        )
        .bind(file_id)
        .bind(generation)
        .bind(FileStatus::Pending.code())
        .bind(parser_params)
        .bind(category)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        jobs::enqueue(&mut tx, self.next_id(), JobKind::Extract, file_id, generation).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The id and generation of a file of the workspace whose task has finished;
/// "file not found" or a conflict naming the status otherwise.
async fn finished_file(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    file: FileRef,
) -> Result<(i64, i64), StoreError> {
    let (sql, id) = match file {
        FileRef::File(id) => {
            ("SELECT id, generation, recognition_status FROM files WHERE id = $1 AND workspace_id = $2", id)
        }
        FileRef::Task(id) => {
            ("SELECT id, generation, recognition_status FROM files WHERE task_id = $1 AND workspace_id = $2", id)
        }
    };
    let row: Option<(i64, i64, i64)> =
        sqlx::query_as(sql).bind(id).bind(workspace_id).fetch_optional(&mut *conn).await?;
    let (file_id, generation, current) = row.ok_or_else(|| match file {
        FileRef::File(id) => StoreError::not_found(ObjectKind::File, id),
        FileRef::Task(id) => {
            StoreError::NotFound { kind: ObjectKind::File, message: format!("extraction task {id} not found") }
        }
    })?;
    if !FileStatus::decode("files.recognition_status", current)?.is_final() {
        return Err(StoreError::Conflict(format!(
            "file {file_id} is still being processed (recognition_status {current}); try again when it has finished"
        )));
    }
    Ok((file_id, generation))
}
