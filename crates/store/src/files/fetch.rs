//! Reading files with their extraction results (`file/fetch`).

use docreview_core::Caller;
use docreview_core::files::FileFilter;
use docreview_core::states::{FileStatus, IntCode};
use docreview_core::validation::Page;
use docreview_text::DateOrder;
use docreview_wire::file::{Document, ExtractionData, PageInfo};
use sqlx::FromRow;

use crate::workspaces::ensure_workspace_visible;
use crate::{Store, StoreError, json};

/// A file and its extraction task as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRow {
    pub id: i64,
    pub task_id: i64,
    pub workspace_id: i64,
    pub batch_number: String,
    pub name: String,
    pub format: String,
    pub task_type: i64,
    pub category_id: Option<i64>,
    pub category: String,
    pub recognition_status: FileStatus,
    pub verification_status: i64,
    pub failure_causes: Option<String>,
    pub data: Option<ExtractionData>,
    pub pages: Vec<PageInfo>,
    /// Only when asked for (`with_document`).
    pub document: Option<Document>,
    pub parser_params: serde_json::Value,
    pub duration_ms: Option<i64>,
    pub result_version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// The workspace's `date_order`, for the rules judged over the file.
    pub date_order: DateOrder,
}

#[derive(FromRow)]
struct FileDbRow {
    id: i64,
    task_id: i64,
    workspace_id: i64,
    batch_number: String,
    name: String,
    format: String,
    task_type: i64,
    category_id: Option<i64>,
    category: String,
    recognition_status: i64,
    verification_status: i64,
    failure_causes: Option<String>,
    data: Option<String>,
    pages: String,
    document: Option<String>,
    parser_params: String,
    duration_ms: Option<i64>,
    result_version: i64,
    created_at: i64,
    updated_at: i64,
    #[sqlx(try_from = "String")]
    date_order: DateOrder,
}

impl TryFrom<FileDbRow> for FileRow {
    type Error = StoreError;

    fn try_from(row: FileDbRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.id,
            task_id: row.task_id,
            workspace_id: row.workspace_id,
            batch_number: row.batch_number,
            name: row.name,
            format: row.format,
            task_type: row.task_type,
            category_id: row.category_id,
            category: row.category,
            recognition_status: FileStatus::decode("files.recognition_status", row.recognition_status)?,
            verification_status: row.verification_status,
            failure_causes: row.failure_causes,
            data: row.data.as_deref().map(|d| json::decode(d, "files.data")).transpose()?,
            pages: json::decode(&row.pages, "files.pages")?,
            document: row.document.as_deref().map(|d| json::decode(d, "files.document")).transpose()?,
            parser_params: json::decode(&row.parser_params, "files.parser_params")?,
            duration_ms: row.duration_ms,
            result_version: row.result_version,
            created_at: row.created_at,
            updated_at: row.updated_at,
            date_order: row.date_order,
        })
    }
}

const COLUMNS: &str = "id, task_id, workspace_id, batch_number, name, format, task_type, category_id, category, \
     recognition_status, verification_status, failure_causes, data, pages, parser_params, duration_ms, \
     result_version, created_at, updated_at, \
     (SELECT w.date_order FROM workspaces w WHERE w.id = files.workspace_id) AS date_order";

const FILTER: &str = "workspace_id = $1 AND ($2 IS NULL OR batch_number = $2) AND ($3 IS NULL OR id = $3) \
     AND ($4 IS NULL OR task_id = $4) AND ($5 IS NULL OR category = $5) \
     AND ($6 IS NULL OR recognition_status = $6) AND ($7 IS NULL OR verification_status = $7) \
     AND ($8 IS NULL OR updated_at >= $8) AND ($9 IS NULL OR updated_at <= $9)";

impl Store {
    /// A page of the workspace's files matching `filter`, newest first, and the total.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn fetch_files(
        &self,
        caller: &Caller,
        filter: &FileFilter,
        page: Page,
    ) -> Result<(i64, Vec<FileRow>), StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, filter.workspace_id).await?;
        let (total,): (i64,) = bind_filter(
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM files WHERE {FILTER}"))),
            filter,
        )
        .fetch_one(&mut *tx)
        .await?;
        let document = if filter.with_document { "document" } else { "NULL AS document" };
        let rows: Vec<FileDbRow> = bind_filter(
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS}, {document} FROM files WHERE {FILTER} ORDER BY id DESC LIMIT $10 OFFSET $11"
            ))),
            filter,
        )
        .bind(page.page_size)
        .bind(page.offset())
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let rows = rows.into_iter().map(FileRow::try_from).collect::<Result<_, _>>()?;
        Ok((total, rows))
    }

    /// Files of a workspace by extraction task id, with their document text.
    /// Unknown ids are left out; the caller compares.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn files_by_task_ids(&self, workspace_id: i64, task_ids: &[i64]) -> Result<Vec<FileRow>, StoreError> {
        let mut rows = Vec::with_capacity(task_ids.len());
        for &task_id in task_ids {
            let row: Option<FileDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS}, document FROM files WHERE workspace_id = $1 AND task_id = $2"
            )))
            .bind(workspace_id)
            .bind(task_id)
            .fetch_optional(&self.read)
            .await?;
            if let Some(row) = row {
                rows.push(FileRow::try_from(row)?);
            }
        }
        Ok(rows)
    }
}

fn bind_filter<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>,
    filter: &'q FileFilter,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
    query
        .bind(filter.workspace_id)
        .bind(filter.batch_number.as_deref())
        .bind(filter.file_id)
        .bind(filter.task_id)
        .bind(filter.category.as_deref())
        .bind(filter.recognition_status)
        .bind(filter.verification_status)
        .bind(filter.updated_from)
        .bind(filter.updated_to)
}
