//! `docreview review retry`.

use clap::Args;
use docreview_client::Client;
use docreview_wire::Id;

use crate::command::output::print_line;

#[derive(Debug, Args)]
pub struct Retry {
    /// The workspace of the task.
    #[arg(value_parser = super::id)]
    workspace_id: Id,
    /// The review task.
    #[arg(value_parser = super::id)]
    task_id: Id,
}

impl Retry {
    pub async fn run(self, client: &Client) -> anyhow::Result<()> {
        client.retry_review(self.workspace_id, self.task_id).await?;
        print_line(&format!("Review task {} is running again.", self.task_id))
    }
}
