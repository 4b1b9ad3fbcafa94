//! What drawing one page of a file needs: its stored bytes, its format and
//! the pages extraction found (their sizes and the angle a scan was turned by).

use docreview_core::Caller;
use docreview_wire::file::PageInfo;
use sqlx::FromRow;

use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, json};

/// A file's bytes and pages, for drawing one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSource {
    pub file_id: i64,
    pub name: String,
    /// The format extraction found (`png`, `pdf`, `txt`, …).
    pub format: String,
    /// The pages extraction found; empty until it finished.
    pub pages: Vec<PageInfo>,
    /// `None` for a file refused at upload, whose bytes were not kept.
    pub content: Option<Vec<u8>>,
}

#[derive(FromRow)]
struct SourceDbRow {
    id: i64,
    name: String,
    format: String,
    pages: String,
    content: Option<Vec<u8>>,
}

impl Store {
    /// The file of extraction task `task_id` in the workspace, which the
    /// caller must see.
    #[tracing::instrument(level = "debug", skip_all, fields(workspace_id, task_id))]
    pub async fn page_source(
        &self,
        caller: &Caller,
        workspace_id: i64,
        task_id: i64,
    ) -> Result<PageSource, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let row: Option<SourceDbRow> = sqlx::query_as(
            "SELECT f.id, f.name, f.format, f.pages, c.content FROM files f \
             LEFT JOIN file_contents c ON c.file_id = f.id WHERE f.task_id = $1 AND f.workspace_id = $2",
        )
        .bind(task_id)
        .bind(workspace_id)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        let row = row.ok_or_else(|| StoreError::NotFound {
            kind: ObjectKind::File,
            message: format!("extraction task {task_id} not found in workspace {workspace_id}"),
        })?;
        Ok(PageSource {
            file_id: row.id,
            name: row.name,
            format: row.format,
            pages: json::decode(&row.pages, "files.pages")?,
            content: row.content,
        })
    }
}
