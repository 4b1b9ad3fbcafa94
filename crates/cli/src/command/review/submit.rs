//! `docreview review submit`.

use clap::{ArgGroup, Args};
use docreview_client::Client;
use docreview_wire::Id;
use docreview_wire::review::SubmitReviewTaskRequest;

use crate::command::output::print_line;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("documents").required(true).multiple(true)))]
pub struct Submit {
    /// The workspace of the repository and the documents.
    #[arg(value_parser = super::id)]
    workspace_id: Id,
    /// The rule repository to run.
    #[arg(value_parser = super::id)]
    repo_id: Id,
    /// A name for the task (1 to 100 characters).
    name: String,
    /// Review every extraction task of this upload batch.
    #[arg(long, group = "documents")]
    batch_number: Option<String>,
    /// Review this extraction task; repeat the flag for more (added to the batch's).
    #[arg(long = "extract-task-id", value_name = "ID", value_parser = super::id, group = "documents")]
    extract_task_ids: Vec<Id>,
    /// The model that judges rules without an expression; the server's default otherwise.
    #[arg(long)]
    model: Option<String>,
}

impl Submit {
    pub async fn run(self, client: &Client) -> anyhow::Result<()> {
        let request = SubmitReviewTaskRequest {
            workspace_id: Some(self.workspace_id),
            name: Some(self.name),
            repo_id: Some(self.repo_id),
            extract_task_ids: (!self.extract_task_ids.is_empty()).then_some(self.extract_task_ids),
            batch_number: self.batch_number,
            model: self.model,
        };
        let submitted = client.submit_review(&request).await?;
        print_line(&submitted.task_id.to_string())
    }
}
