//! The writes of changing a file after extraction: corrected results, a
//! re-run, another category. Whether a change is allowed is the workflow's
//! to decide (`docreview_engine::workflow::extraction`).

use docreview_core::Caller;
use docreview_core::states::{FileStatus, IntCode};
use docreview_wire::file::ExtractionData;

use crate::clock::now_ms;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, StoreError, WriteTx, json};

/// Which file to change: by file id or by extraction task id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRef {
    File(i64),
    Task(i64),
}

/// A file as a change sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    pub file_id: i64,
    pub generation: i64,
    pub status: FileStatus,
    /// Whether its bytes are kept (a file refused at upload has none).
    pub has_content: bool,
}

/// The file of the workspace, which the caller must see; "not found" naming
/// the file or the extraction task otherwise.
#[tracing::instrument(level = "debug", skip_all, fields(workspace_id, ?file))]
pub async fn visible_file(
    tx: &mut WriteTx,
    caller: &Caller,
    workspace_id: i64,
    file: FileRef,
) -> Result<FileState, StoreError> {
    ensure_workspace_visible(tx.conn(), caller, workspace_id).await?;
    let (column, id) = match file {
        FileRef::File(id) => ("f.id", id),
        FileRef::Task(id) => ("f.task_id", id),
    };
    let row: Option<(i64, i64, i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT f.id, f.generation, f.recognition_status, c.file_id FROM files f \
         LEFT JOIN file_contents c ON c.file_id = f.id WHERE {column} = $1 AND f.workspace_id = $2"
    )))
    .bind(id)
    .bind(workspace_id)
    .fetch_optional(tx.conn())
    .await?;
    let (file_id, generation, status, content) = row.ok_or_else(|| match file {
        FileRef::File(id) => StoreError::not_found(ObjectKind::File, id),
        FileRef::Task(id) => {
            StoreError::NotFound { kind: ObjectKind::File, message: format!("extraction task {id} not found") }
        }
    })?;
    let status = FileStatus::decode("files.recognition_status", status)?;
    Ok(FileState { file_id, generation, status, has_content: content.is_some() })
}

/// Replaces the file's extraction data: the corrected result becomes the result.
#[tracing::instrument(level = "debug", skip_all, fields(file_id))]
pub async fn write_data(tx: &mut WriteTx, file_id: i64, data: &ExtractionData) -> Result<(), StoreError> {
    sqlx::query("UPDATE files SET data = $2, result_version = result_version + 1, updated_at = $3 WHERE id = $1")
        .bind(file_id)
        .bind(json::encode(data)?)
        .bind(now_ms())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// The file back to pending at `generation`, without a failure cause, with
/// new parser parameters and category when given.
#[tracing::instrument(level = "debug", skip_all, fields(file_id, generation))]
pub async fn restart(
    tx: &mut WriteTx,
    file_id: i64,
    generation: i64,
    parser_params: Option<&serde_json::Value>,
    category: Option<&str>,
) -> Result<(), StoreError> {
    let parser_params = parser_params.map(json::encode).transpose()?;
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
    .execute(tx.conn())
    .await?;
    Ok(())
}
