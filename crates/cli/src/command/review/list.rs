//! `docreview review list` (the server's `review/task/list` extension).

use clap::Args;
use docreview_client::Client;
use docreview_wire::Id;
use docreview_wire::review::ListReviewTasksQuery;

use crate::command::output::print;
use crate::render;

#[derive(Debug, Args)]
pub struct List {
    /// The workspace.
    #[arg(value_parser = super::id)]
    workspace_id: Id,
    /// Only tasks in this status: 0 pending, 1 passed, 2 error, 3 reviewing,
    /// 4 not passed, 5 recognizing, 6 queued, 7 recognition failed.
    #[arg(long)]
    status: Option<i64>,
    /// Only tasks of this rule repository.
    #[arg(long, value_parser = super::id)]
    repo_id: Option<Id>,
    /// Only tasks created at or after this time (RFC 3339, e.g. 2024-03-05T00:00:00Z).
    #[arg(long)]
    start_time: Option<String>,
    /// Only tasks created at or before this time (RFC 3339).
    #[arg(long)]
    end_time: Option<String>,
    /// The page, from 1.
    #[arg(long, default_value_t = 1)]
    page: i64,
    /// Tasks per page (at most 100).
    #[arg(long, default_value_t = 20)]
    page_size: i64,
}

impl List {
    pub async fn run(self, client: &Client) -> anyhow::Result<()> {
        let query = ListReviewTasksQuery {
            workspace_id: Some(self.workspace_id),
            status: self.status,
            repo_id: self.repo_id,
            start_time: self.start_time,
            end_time: self.end_time,
            page: Some(self.page),
            page_size: Some(self.page_size),
        };
        let list = client.list_reviews(&query).await?;
        print(&render::task_list(&list, render::line_width()))
    }
}
