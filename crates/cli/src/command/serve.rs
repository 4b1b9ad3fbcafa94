//! `docreview serve`.

use std::net::SocketAddr;

use clap::Args;

use super::database::DatabaseArgs;

/// Serve the HTTP API until Ctrl-C or SIGTERM.
#[derive(Debug, Args)]
pub struct Serve {
    /// Address to listen on (default 127.0.0.1:8080); port 0 picks a free one.
    #[arg(long)]
    listen: Option<SocketAddr>,
    #[command(flatten)]
    database: DatabaseArgs,
}

impl Serve {
    pub async fn run(self) -> anyhow::Result<()> {
        let mut settings = self.database.settings()?;
        if let Some(listen) = self.listen {
            settings.listen = listen;
        }
        docreview_server::telemetry::init(&settings.log);
        tracing::info!(?settings, "starting");
        docreview_server::serve::run(settings).await
    }
}
