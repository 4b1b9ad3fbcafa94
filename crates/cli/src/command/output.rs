//! Standard output for the commands that print results. A closed pipe
//! (`docreview review list … | head -1`) ends the command with an error
//! instead of the panic `println!` would raise.

use std::io::Write;

/// Writes `text` as it is and flushes, so that narrative lines show at once.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `text` and a newline.
pub fn print_line(text: &str) -> anyhow::Result<()> {
    print(&format!("{text}\n"))
}
