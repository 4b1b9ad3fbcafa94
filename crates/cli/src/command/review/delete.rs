//! `docreview review delete`.

use clap::Args;
use docreview_client::Client;
use docreview_wire::Id;

use crate::command::output::print_line;

#[derive(Debug, Args)]
pub struct Delete {
    /// The workspace of the tasks.
    #[arg(value_parser = super::id)]
    workspace_id: Id,
    /// The review tasks to delete; if one cannot be deleted, none is.
    #[arg(value_parser = super::id, required = true)]
    task_ids: Vec<Id>,
}

impl Delete {
    pub async fn run(self, client: &Client) -> anyhow::Result<()> {
        client.delete_reviews(self.workspace_id, &self.task_ids).await?;
        let ids: Vec<String> = self.task_ids.iter().map(Id::to_string).collect();
        let noun = if ids.len() == 1 { "task" } else { "tasks" };
        print_line(&format!("Deleted review {noun} {}.", ids.join(", ")))
    }
}
