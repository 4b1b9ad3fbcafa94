//! `docreview review retry-rule`.

use clap::Args;
use docreview_client::Client;
use docreview_wire::Id;

use crate::command::output::print_line;

#[derive(Debug, Args)]
pub struct RetryRule {
    /// The workspace of the task.
    #[arg(value_parser = super::id)]
    workspace_id: Id,
    /// The review task.
    #[arg(value_parser = super::id)]
    task_id: Id,
    /// The rule to run again; it must be one of the task's rules.
    #[arg(long, value_parser = super::id)]
    rule_id: Id,
}

impl RetryRule {
    pub async fn run(self, client: &Client) -> anyhow::Result<()> {
        client.retry_review_rule(self.workspace_id, self.task_id, self.rule_id).await?;
        print_line(&format!("Rule {} of review task {} is running again.", self.rule_id, self.task_id))
    }
}
