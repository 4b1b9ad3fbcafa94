//! `docreview review …`: the review task calls, made over HTTP to a running
//! server as one app. A server's error envelope ends the command with exit
//! status 1 and `error <code>: <msg>` on standard error.

mod delete;
mod list;
mod result;
mod retry;
mod retry_rule;
mod submit;

use clap::{Args, Subcommand};
use docreview_wire::Id;

use super::remote::RemoteArgs;

#[derive(Debug, Args)]
pub struct Review {
    #[command(flatten)]
    remote: RemoteArgs,
    #[command(subcommand)]
    command: ReviewCommand,
}

#[derive(Debug, Subcommand)]
enum ReviewCommand {
    /// Submit a review task over a batch and/or extraction tasks; prints its id.
    Submit(submit::Submit),
    /// Show a review task's status, statistics and every rule's verdict.
    Result(result::Show),
    /// Run every rule of a review task again, from the current rules and documents.
    Retry(retry::Retry),
    /// Run one rule of a review task again, with the rule's current definition.
    RetryRule(retry_rule::RetryRule),
    /// Delete review tasks (all or none).
    Delete(delete::Delete),
    /// List a workspace's review tasks, newest first.
    List(list::List),
}

impl Review {
    pub async fn run(self) -> anyhow::Result<()> {
        let client = self.remote.client()?;
        match self.command {
            ReviewCommand::Submit(submit) => submit.run(&client).await,
            ReviewCommand::Result(show) => show.run(&client).await,
            ReviewCommand::Retry(retry) => retry.run(&client).await,
            ReviewCommand::RetryRule(retry) => retry.run(&client).await,
            ReviewCommand::Delete(delete) => delete.run(&client).await,
            ReviewCommand::List(list) => list.run(&client).await,
        }
    }
}

/// Reads an id argument, so that a typo is refused before any request is made.
fn id(text: &str) -> Result<Id, String> {
    Id::parse(text.trim()).ok_or_else(|| format!("{text:?} is not an id (a positive 64-bit integer)"))
}
