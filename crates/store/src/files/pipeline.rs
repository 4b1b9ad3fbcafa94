//! What the extraction worker reads and writes, every write fenced by the
//! job's claim and the file's generation.

use docreview_text::DateOrder;
use docreview_wire::file::{Document, ExtractionData, PageInfo};
use sqlx::FromRow;

use super::status;
use crate::clock::now_ms;
use crate::jobs::{self, Claim};
use crate::{ObjectKind, Store, StoreError, json};

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
    /// The workspace's `date_order`: how `datetime` transforms read `03/05/2024`.
    #[sqlx(try_from = "String")]
    pub date_order: DateOrder,
}

/// The result of one pipeline run.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractionOutcome {
    /// 1 succeeded, 2 failed, 10 classified only.
    pub status: i64,
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
    pub async fn pipeline_input(&self, file_id: i64) -> Result<Option<PipelineInput>, StoreError> {
        let input = sqlx::query_as(
            "SELECT f.id AS file_id, f.workspace_id, f.name, f.format, f.requested_category, f.target_process, \
             f.generation, c.content, w.date_order FROM files f JOIN file_contents c ON c.file_id = f.id \
             JOIN workspaces w ON w.id = f.workspace_id WHERE f.id = $1",
        )
        .bind(file_id)
        .fetch_optional(&self.read)
        .await?;
        Ok(input)
    }

    /// Shows a stage of the pipeline (parsing, classifying, extracting) while
    /// the claim is current; false if it was fenced off.
    pub async fn set_pipeline_status(&self, claim: &Claim, status: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE files SET recognition_status = $3, updated_at = $4 WHERE id = $1 AND generation = $2 \
             AND EXISTS (SELECT 1 FROM jobs WHERE id = $5 AND lease_token = $6 AND state = 'running')",
        )
        .bind(claim.subject_id)
        .bind(claim.generation)
        .bind(status)
        .bind(now_ms())
        .bind(claim.job_id)
        .bind(claim.lease_token)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Commits a pipeline result and completes the job, both or neither.
    /// `Ok(false)`: the claim or the generation was superseded; nothing written.
    pub async fn commit_extraction(&self, claim: &Claim, outcome: &ExtractionOutcome) -> Result<bool, StoreError> {
        let data = outcome.data.as_ref().map(json::encode).transpose()?;
        let pages = json::encode(&outcome.pages)?;
        let document = outcome.document.as_ref().map(json::encode).transpose()?;
        let mut tx = self.write.begin().await?;
        if !jobs::finish(&mut tx, claim).await? {
            return Ok(false);
        }
        let done = sqlx::query(
            "UPDATE files SET recognition_status = $3, failure_causes = $4, category_id = $5, category = $6, \
             format = $7, data = $8, pages = $9, document = $10, duration_ms = $11, \
             result_version = result_version + 1, updated_at = $12 WHERE id = $1 AND generation = $2",
        )
        .bind(claim.subject_id)
        .bind(claim.generation)
        .bind(outcome.status)
        .bind(outcome.failure_causes.as_deref())
        .bind(outcome.category_id)
        .bind(&outcome.category)
        .bind(&outcome.format)
        .bind(data)
        .bind(pages)
        .bind(document)
        .bind(outcome.duration_ms)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        if status::is_terminal(outcome.status) {
            self.record_extraction_event(&mut tx, claim.subject_id).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Completes a job whose file no longer exists.
    pub async fn drop_orphan_job(&self, claim: &Claim) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        jobs::finish(&mut tx, claim).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many results have been committed for a file (for crash tests and audits).
    pub async fn file_result_version(&self, file_id: i64) -> Result<i64, StoreError> {
        let (version,): (i64,) = sqlx::query_as("SELECT result_version FROM files WHERE id = $1")
            .bind(file_id)
            .fetch_optional(&self.read)
            .await?
            .ok_or_else(|| StoreError::not_found(ObjectKind::File, file_id))?;
        Ok(version)
    }
}
