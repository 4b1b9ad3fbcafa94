//! `docreview demo`: the whole review flow, end to end, on a server of its own.
//! Everything goes over HTTP through the same client the `review` commands
//! use, so the demo also shows what a DocFlow client does. No model and no
//! network beyond loopback: the rules are expressions.
//!
//! - `server`: the in-process server on a loopback port.
//! - `examples`: the example invoices and their category, built in.
//! - `rules`: the rules the demo writes, one of them wrong on purpose.
//! - `flow`: the steps and what they print; `wait`: polling with a deadline.

mod examples;
mod flow;
mod rules;
mod server;
mod wait;

use std::path::PathBuf;

use clap::Args;
use docreview_server::settings::{LogFormat, LogSettings};

use server::DemoServer;

#[derive(Debug, Args)]
pub struct Demo {
    /// Keep the demo's database in this directory; by default it lives in a
    /// temporary directory that is removed at the end.
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

impl Demo {
    pub async fn run(self) -> anyhow::Result<()> {
        // The server's own log stays quiet unless something goes wrong (RUST_LOG overrides).
        docreview_server::telemetry::init(&LogSettings { format: LogFormat::Text, filter: "warn".to_owned() });
        let server = DemoServer::start(self.data_dir).await?;
        // Ctrl-C or SIGTERM still stops the server and removes the temporary database.
        let outcome = tokio::select! {
            outcome = flow::run(server.client(), server.address()) => outcome,
            () = docreview_server::shutdown::signal() => Err(anyhow::anyhow!("interrupted")),
        };
        let stopped = server.stop().await;
        outcome.and(stopped)
    }
}
