//! Which program parses: the `parse` subcommand of the docreview binary. The
//! server is that binary, so by default it runs itself; tests and benchmarks,
//! whose executables are not docreview, run the binary built beside them.

use std::ffi::OsString;
use std::io;
use std::path::PathBuf;

/// The subcommand that runs the child side.
pub const PARSE_SUBCOMMAND: &str = "parse";

/// The environment variable that names the docreview binary for tests and
/// benchmarks.
pub const BINARY_VARIABLE: &str = "DOCREVIEW_BIN";

/// A program and the arguments before the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParserCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl ParserCommand {
    /// `docreview parse` of the binary at `program`.
    pub fn docreview(program: PathBuf) -> Self {
        Self { program, args: vec![PARSE_SUBCOMMAND.into()] }
    }

    /// `parse` of the running executable: the default, as the server and the
    /// demo are the docreview binary.
    pub fn current_exe() -> io::Result<Self> {
        Ok(Self::docreview(std::env::current_exe()?))
    }

    /// The docreview binary for an executable that is not docreview (a test
    /// or a benchmark): `$DOCREVIEW_BIN` when set, else `docreview` in the
    /// target directory the executable was built in (tests live in
    /// `<target>/<profile>/deps/`). The error says how to build it.
    pub fn built_docreview() -> Result<Self, String> {
        if let Some(program) = std::env::var_os(BINARY_VARIABLE) {
            return Ok(Self::docreview(program.into()));
        }
        let exe = std::env::current_exe().map_err(|e| format!("cannot find the running executable: {e}"))?;
        let mut dir = exe.parent().map(PathBuf::from).unwrap_or_default();
        if dir.ends_with("deps") {
            dir.pop();
        }
        let program = dir.join("docreview");
        if program.is_file() {
            return Ok(Self::docreview(program));
        }
        let release = if dir.ends_with("release") { " --release" } else { "" };
        Err(format!(
            "files are parsed by `docreview parse`, but {} does not exist: build it with \
             `cargo build{release} --bin docreview` (with the same CARGO_TARGET_DIR), or set {BINARY_VARIABLE}",
            program.display()
        ))
    }
}
