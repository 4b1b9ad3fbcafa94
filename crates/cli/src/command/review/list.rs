//! `docreview review list` (the server's `review/task/list` extension).

use clap::Args;
use docreview_client::Client;
use docreview_core::states::{IntCode, ReviewStatus};
use docreview_wire::Id;
use docreview_wire::review::ListReviewTasksQuery;

use crate::command::output::print;
use crate::render;

#[derive(Debug, Args)]
pub struct List {
    /// The workspace.
    #[arg(value_parser = super::id)]
    workspace_id: Id,
    /// Only tasks in this status, by name (e.g. `not-passed`, `reviewing`)
    /// or by number; an unknown one lists the names.
    #[arg(long, value_parser = status)]
    status: Option<ReviewStatus>,
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
            status: self.status.map(ReviewStatus::code),
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

/// A review status given by its name (any case, `-` or `_` for spaces) or
/// its number.
fn status(text: &str) -> Result<ReviewStatus, String> {
    let found = match text.trim().parse::<i64>() {
        Ok(code) => ReviewStatus::from_code(code),
        Err(_) => ReviewStatus::named(text),
    };
    found.ok_or_else(|| {
        let names: Vec<String> = ReviewStatus::ALL.iter().map(|s| s.name().replace(' ', "-")).collect();
        format!("unknown status {text:?}; one of {}", names.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_named_or_numbered() {
        assert_eq!(status("not-passed"), Ok(ReviewStatus::NotPassed));
        assert_eq!(status("Recognition_Failed"), Ok(ReviewStatus::RecognitionFailed));
        assert_eq!(status("3"), Ok(ReviewStatus::Reviewing));
        let unknown = status("done").unwrap_err();
        assert!(unknown.contains("pending, passed, error, reviewing, not-passed"), "{unknown}");
        assert!(status("8").is_err());
    }
}
