//! `docreview`: serve the DocFlow-compatible review API, manage app
//! credentials, print an example configuration.

mod command;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = command::Cli::parse();
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
            eprintln!("docreview: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
