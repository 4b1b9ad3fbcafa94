//! Storing uploaded files and queueing their extraction, in one transaction.

use docreview_core::Caller;

use crate::clock::now_ms;
use docreview_core::states::FileStatus;

use crate::files::REGULAR_TASK;
use crate::jobs::{self, JobKind};
use crate::workspaces::ensure_workspace_visible;
use crate::{Store, StoreError};

/// An uploaded file to store and extract.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub name: String,
    /// Lower-case extension, e.g. `pdf`, `txt`, `json`.
    pub format: String,
    pub content: Vec<u8>,
    /// Why the file was refused at upload (e.g. too large): it is recorded as a
    /// failed task with this cause, its bytes are not kept and no job is queued.
    pub rejection: Option<String>,
}

/// The ids given to a stored file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreatedFile {
    pub file_id: i64,
    pub task_id: i64,
}

impl Store {
    /// Stores the files of one upload in `batch_number` and queues one
    /// extraction job per file; all or nothing.
    #[allow(clippy::too_many_arguments)]
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_files(
        &self,
        caller: &Caller,
        workspace_id: i64,
        batch_number: &str,
        requested_category: Option<&str>,
        target_process: Option<&str>,
        parser_params: &serde_json::Value,
        files: &[NewFile],
    ) -> Result<Vec<CreatedFile>, StoreError> {
        let parser_params = crate::json::encode(parser_params)?;
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let now = now_ms();
        let mut created = Vec::with_capacity(files.len());
        for file in files {
            let ids = CreatedFile { file_id: self.next_id(), task_id: self.next_id() };
            sqlx::query(
                "INSERT INTO files (id, task_id, workspace_id, batch_number, name, format, task_type, \
                 requested_category, target_process, category, recognition_status, verification_status, \
                 failure_causes, pages, parser_params, generation, result_version, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, 0, $11, '[]', $12, 1, 0, $13, $13)",
            )
            .bind(ids.file_id)
            .bind(ids.task_id)
            .bind(workspace_id)
            .bind(batch_number)
            .bind(&file.name)
            .bind(&file.format)
            .bind(REGULAR_TASK)
            .bind(requested_category)
            .bind(target_process)
            .bind(if file.rejection.is_some() { FileStatus::Failed } else { FileStatus::Pending }.code())
            .bind(file.rejection.as_deref())
            .bind(&parser_params)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if file.rejection.is_none() {
                sqlx::query("INSERT INTO file_contents (file_id, content) VALUES ($1, $2)")
                    .bind(ids.file_id)
                    .bind(&file.content)
                    .execute(&mut *tx)
                    .await?;
                jobs::enqueue(&mut tx, self.next_id(), JobKind::Extract, ids.file_id, 1).await?;
            }
            created.push(ids);
        }
        tx.commit().await?;
        Ok(created)
    }
}
