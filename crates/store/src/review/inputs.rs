//! The extraction tasks a review reads, found in one statement: submitting a
//! review and planning it name up to 1,000 of them, which one query apiece
//! would turn into as many round trips (inside the single writer's
//! transaction, for a submit).

use std::collections::HashMap;

use docreview_core::states::{FileStatus, IntCode};
use serde::Serialize;
use sqlx::AnyConnection;

use crate::bulk::{self, Type};
use crate::connect::Backend;
use crate::{StoreError, json};

/// An extraction task a review reads, as far as planning it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewInput {
    pub task_id: i64,
    pub status: FileStatus,
    pub category_id: Option<i64>,
}

#[derive(Serialize)]
struct Wanted {
    id: i64,
}

/// The rows of those of `task_ids` that are extraction tasks of the
/// workspace, by task id.
pub(crate) async fn extraction_tasks(
    conn: &mut AnyConnection,
    backend: Backend,
    workspace_id: i64,
    task_ids: &[i64],
) -> Result<HashMap<i64, ReviewInput>, StoreError> {
    let wanted = bulk::select(backend, "$2", &[("id", Type::Int)]);
    let sql = format!(
        "WITH wanted AS MATERIALIZED ({wanted}) \
         SELECT f.task_id, f.recognition_status, f.category_id FROM files f JOIN wanted w ON f.task_id = w.id \
         WHERE f.workspace_id = $1"
    );
    let mut found = HashMap::with_capacity(task_ids.len());
    for chunk in task_ids.chunks(bulk::ROWS_PER_STATEMENT) {
        let rows: Vec<Wanted> = chunk.iter().map(|&id| Wanted { id }).collect();
        let fetched: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(workspace_id)
            .bind(json::encode(&rows)?)
            .fetch_all(&mut *conn)
            .await?;
        for (task_id, status, category_id) in fetched {
            let status = FileStatus::decode("files.recognition_status", status)?;
            found.insert(task_id, ReviewInput { task_id, status, category_id });
        }
    }
    Ok(found)
}
