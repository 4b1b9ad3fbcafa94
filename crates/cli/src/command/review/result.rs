//! `docreview review result`.

use clap::Args;
use docreview_client::Client;
use docreview_wire::Id;

use crate::command::output::print;
use crate::render;

#[derive(Debug, Args)]
pub struct Show {
    /// The workspace of the task.
    #[arg(value_parser = super::id)]
    workspace_id: Id,
    /// The review task.
    #[arg(value_parser = super::id)]
    task_id: Id,
    /// Print the `result` JSON as the server sent it, anchors included.
    #[arg(long)]
    json: bool,
}

impl Show {
    pub async fn run(self, client: &Client) -> anyhow::Result<()> {
        if self.json {
            let result = client.review_result_json(self.workspace_id, self.task_id).await?;
            print(&format!("{}\n", serde_json::to_string_pretty(&result)?))
        } else {
            let result = client.review_result(self.workspace_id, self.task_id).await?;
            print(&render::review_result(&result, render::line_width()))
        }
    }
}
