//! `docreview parse`: the child process that parses one uploaded file for
//! the server (see `docreview_engine::sandbox`). Hidden: it reads a request
//! on standard input that only the server writes.

use std::process::ExitCode;

use clap::Args;
use docreview_engine::sandbox::ChildLimits;

/// Parse one file from standard input under the given limits (used by the server).
#[derive(Debug, Args)]
pub struct Parse {
    /// Address space limit of this process (RLIMIT_AS), in bytes.
    #[arg(long)]
    memory_bytes: u64,
    /// CPU time limit of this process (RLIMIT_CPU), in seconds.
    #[arg(long)]
    cpu_seconds: u64,
}

impl Parse {
    /// Runs without an async runtime: the child stays one thread.
    pub fn run(&self) -> ExitCode {
        docreview_engine::sandbox::run_child(ChildLimits {
            memory_bytes: self.memory_bytes,
            cpu_seconds: self.cpu_seconds,
        })
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use docreview_engine::ParseLimits;

    use crate::command::Cli;

    #[test]
    fn the_arguments_the_server_passes_are_understood() {
        let limits = ParseLimits { memory_bytes: 268_435_456, cpu_seconds: 7, ..ParseLimits::default() };
        let mut args = vec!["docreview".to_owned(), docreview_engine::sandbox::command::PARSE_SUBCOMMAND.to_owned()];
        args.extend(limits.child().to_args());
        let cli = Cli::try_parse_from(args).unwrap();
        let Some(parse) = cli.parser_child() else { panic!("not the parse command") };
        assert_eq!((parse.memory_bytes, parse.cpu_seconds), (268_435_456, 7));
    }
}
