//! `docreview config example`.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Config {
    /// Print a commented docreview.toml with every setting at its default.
    Example,
}

impl Config {
    pub fn run(self) -> anyhow::Result<()> {
        match self {
            Config::Example => print!("{}", docreview_server::settings::EXAMPLE),
        }
        Ok(())
    }
}
