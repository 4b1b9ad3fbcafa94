//! The command tree; one file per command.

mod app;
mod config;
mod database;
mod demo;
mod output;
mod parse;
mod remote;
mod review;
mod serve;

use clap::{Parser, Subcommand};

/// A self-hostable document review service that speaks the DocFlow v2 REST API.
#[derive(Debug, Parser)]
#[command(name = "docreview", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the HTTP API (SQLite under ./data by default).
    Serve(serve::Serve),
    /// Manage the apps that hold API credentials.
    #[command(subcommand)]
    App(app::App),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(config::Config),
    /// Call a running server's review task API.
    ///
    /// The server and the credentials come from --server, --app-id and
    /// --secret-code, or from DOCREVIEW_SERVER, DOCREVIEW_APP_ID and
    /// DOCREVIEW_SECRET_CODE.
    Review(review::Review),
    /// Run the whole review flow on the example invoices, on a server of its own.
    ///
    /// The server runs in this process on a free loopback port, with a
    /// throwaway database; no model and no network are needed.
    Demo(demo::Demo),
    /// Parse one file for the server, in a child process under limits.
    #[command(hide = true)]
    Parse(parse::Parse),
}

impl Cli {
    /// The hidden `parse` command, if it is the one, which runs before any
    /// async runtime exists.
    pub fn parser_child(&self) -> Option<&parse::Parse> {
        match &self.command {
            Command::Parse(parse) => Some(parse),
            _ => None,
        }
    }

    pub async fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Serve(serve) => serve.run().await,
            Command::App(app) => app.run().await,
            Command::Config(config) => config.run(),
            Command::Review(review) => review.run().await,
            Command::Demo(demo) => demo.run().await,
            // `main` runs it before the runtime starts (see `parser_child`).
            Command::Parse(_) => anyhow::bail!("`docreview parse` cannot run inside the async runtime"),
        }
    }
}
