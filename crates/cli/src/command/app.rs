//! `docreview app create`.

use anyhow::Context;
use clap::{Args, Subcommand};
use docreview_core::validation;

use super::database::DatabaseArgs;

#[derive(Debug, Subcommand)]
pub enum App {
    /// Create an app and print its app id and secret code (shown only once).
    Create(Create),
}

#[derive(Debug, Args)]
pub struct Create {
    /// A name for the app, shown as a workspace's manager.
    #[arg(long)]
    name: String,
    /// Put the app in this enterprise (tenant), creating it if new; apps of one
    /// enterprise share its auth_scope=1 workspaces. Default: a new enterprise.
    #[arg(long)]
    enterprise_id: Option<i64>,
    /// Print exactly one line: {"app_id": "…", "secret_code": "…"}.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    database: DatabaseArgs,
}

impl App {
    pub async fn run(self) -> anyhow::Result<()> {
        match self {
            App::Create(create) => create.run().await,
        }
    }
}

impl Create {
    async fn run(self) -> anyhow::Result<()> {
        let name = validation::name(&self.name, "--name", 50)?;
        if let Some(id) = self.enterprise_id {
            anyhow::ensure!(id > 0, "--enterprise-id must be a positive integer, got {id}");
        }
        let settings = self.database.settings()?;
        let store = docreview_server::serve::open_store(&settings).await?;
        let (caller, credentials) = store.create_app(&name, self.enterprise_id).await.context("creating the app")?;
        store.close().await;
        if self.json {
            let line = serde_json::json!({
                "app_id": credentials.app_id,
                "secret_code": credentials.secret_code,
            });
            println!("{line}");
        } else {
            println!(
                "Created app {name:?} in enterprise {}. The secret is shown only this once:\n  \
                 app_id:      {}\n  secret_code: {}",
                caller.enterprise_id, credentials.app_id, credentials.secret_code
            );
        }
        Ok(())
    }
}
