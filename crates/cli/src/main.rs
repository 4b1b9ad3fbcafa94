//! `docreview`: serve the DocFlow-compatible review API, manage app
//! credentials, print an example configuration, call a server's review task
//! API, and run a demo of the whole flow.
//!
//! # Layout
//! - `command`: the command tree, one file (or folder) per command; the
//!   remote ones call a server through `docreview_client`.
//! - `render`: results and task lists as text for a terminal.

mod command;
mod render;

use clap::Parser;
use docreview_client::ClientError;

fn main() -> std::process::ExitCode {
    // The parsing child runs first, before any runtime exists, so that it
    // stays one small thread under the limits it sets on itself.
    let cli = command::Cli::parse();
    if let Some(parse) = cli.parser_child() {
        return parse.run();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("docreview: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli.run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", report(&error));
            std::process::ExitCode::FAILURE
        }
    }
}

/// The line for standard error. A server's error envelope is shown as it came,
/// `error <code>: <msg>`, so that scripts can match the code; anything else
/// with its chain of causes.
fn report(error: &anyhow::Error) -> String {
    match error.downcast_ref::<ClientError>() {
        Some(api @ ClientError::Api { .. }) if error.chain().count() == 1 => api.to_string(),
        _ => format!("docreview: {error:#}"),
    }
}
