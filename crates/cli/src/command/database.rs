//! The flags that choose the configuration and the database, shared by every
//! command that opens it.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use docreview_server::Settings;
use docreview_server::settings::DatabaseUrl;

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Configuration file; a missing file is fine (defaults and environment apply).
    #[arg(long, default_value = "docreview.toml")]
    config: PathBuf,
    /// Directory of the embedded SQLite database.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// A postgres:// (or sqlite://) URL to use instead of the embedded database.
    #[arg(long)]
    database_url: Option<String>,
}

impl DatabaseArgs {
    /// The layered settings with these flags applied last.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let mut settings =
            Settings::load(&self.config).with_context(|| format!("reading configuration {}", self.config.display()))?;
        if let Some(dir) = &self.data_dir {
            settings.data_dir.clone_from(dir);
        }
        if let Some(url) = &self.database_url {
            settings.database_url = Some(DatabaseUrl(url.clone()));
        }
        Ok(settings)
    }
}
