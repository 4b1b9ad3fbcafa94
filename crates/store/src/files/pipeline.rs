//! What the extraction worker reads and writes, every write fenced by the
//! job's claim and the file's generation.

use docreview_text::DateOrder;
use docreview_wire::file::{Document, ExtractionData, PageInfo};
use sqlx::FromRow;

use docreview_core::states::{FileStatus, JobState};

use crate::clock::now_ms;
use crate::jobs::{self, Claim};
use crate::{ObjectKind, Store, StoreError, WriteTx, json};

/// A file as the pipeline needs it.
#[derive(Debug, Clone, FromRow)]
pub struct PipelineInput {
    pub file_id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub format: String,
    /// The category name given at upload or by an amendment.
    pub requested_category: Option<String>,
    /// `classify` stops after classification.
    pub target_process: Option<String>,
    pub generation: i64,
    pub content: Vec<u8>,
    /// The parser parameters of the upload or the last retry, as JSON text
    /// (`ocr_languages` chooses the OCR languages).
    pub parser_params: String,
    /// The workspace's `date_order`: how `datetime` transforms read `03/05/2024`.
    #[sqlx(try_from = "String")]
    pub date_order: DateOrder,
}

/// The result of one pipeline run.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractionOutcome {
    /// Succeeded, failed, or classified only.
    pub status: FileStatus,
    pub failure_causes: Option<String>,
    pub category_id: Option<i64>,
    pub category: String,
    pub format: String,
    pub data: Option<ExtractionData>,
    pub pages: Vec<PageInfo>,
    pub document: Option<Document>,
    pub duration_ms: i64,
}

impl Store {
    /// The file a claimed extraction job works on; `None` if it was deleted.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pipeline_input(&self, file_id: i64) -> Result<Option<PipelineInput>, StoreError> {
        let input = sqlx::query_as(
            "SELECT f.id AS file_id, f.workspace_id, f.name, f.format, f.requested_category, f.target_process, \
             f.generation, c.content, f.parser_params, w.date_order FROM files f JOIN file_contents c ON c.file_id = f.id \
             JOIN workspaces w ON w.id = f.workspace_id WHERE f.id = $1",
        )
        .bind(file_id)
        .fetch_optional(&self.read)
        .await?;
        Ok(input)
    }

    /// Shows a stage of the pipeline (parsing, classifying, extracting) while
    /// the claim is current; false if it was fenced off.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_pipeline_status(&self, claim: &Claim, status: FileStatus) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE files SET recognition_status = $3, updated_at = $4 WHERE id = $1 AND generation = $2 \
             AND EXISTS (SELECT 1 FROM jobs WHERE id = $5 AND lease_token = $6 AND state = $7)",
        )
        .bind(claim.subject_id)
        .bind(claim.generation)
        .bind(status.code())
        .bind(now_ms())
        .bind(claim.job_id)
        .bind(claim.lease_token)
        .bind(JobState::Running.as_str())
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Completes a job whose file no longer exists.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn drop_orphan_job(&self, claim: &Claim) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        jobs::finish(&mut tx, claim).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many results have been committed for a file (for crash tests and audits).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn file_result_version(&self, file_id: i64) -> Result<i64, StoreError> {
        let (version,): (i64,) = sqlx::query_as("SELECT result_version FROM files WHERE id = $1")
            .bind(file_id)
            .fetch_optional(&self.read)
            .await?
            .ok_or_else(|| StoreError::not_found(ObjectKind::File, file_id))?;
        Ok(version)
    }
}

/// Writes a pipeline result if the file is still at the claim's
/// generation; `false`: superseded, nothing written.
#[tracing::instrument(level = "debug", skip_all, fields(file_id = claim.subject_id, status = ?outcome.status))]
pub async fn write_outcome(tx: &mut WriteTx, claim: &Claim, outcome: &ExtractionOutcome) -> Result<bool, StoreError> {
    let data = outcome.data.as_ref().map(json::encode).transpose()?;
    let pages = json::encode(&outcome.pages)?;
    let document = outcome.document.as_ref().map(json::encode).transpose()?;
    let done = sqlx::query(
        "UPDATE files SET recognition_status = $3, failure_causes = $4, category_id = $5, category = $6, \
         format = $7, data = $8, pages = $9, document = $10, duration_ms = $11, \
         result_version = result_version + 1, updated_at = $12 WHERE id = $1 AND generation = $2",
    )
    .bind(claim.subject_id)
    .bind(claim.generation)
    .bind(outcome.status.code())
    .bind(outcome.failure_causes.as_deref())
    .bind(outcome.category_id)
    .bind(&outcome.category)
    .bind(&outcome.format)
    .bind(data)
    .bind(pages)
    .bind(document)
    .bind(outcome.duration_ms)
    .bind(now_ms())
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}
