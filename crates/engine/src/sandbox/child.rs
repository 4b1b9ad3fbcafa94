//! The child side: `docreview parse`. It confines itself, reads one request
//! from standard input, parses the file with `docreview_extract::parse_file_with`
//! (or draws one of its pages with `draw_page`), writes
//! the answer in a frame on standard output and exits. It is single-threaded
//! and starts no async runtime, so its memory is the parse's.
//!
//! Exit statuses other than 0 say which step failed; the parent reports them
//! with what the child wrote on standard error.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use super::confine::confine;
use super::frame::write_frame;
use super::limits::ChildLimits;
use super::protocol::{Answer, Task, read_request};

/// The child could not set its limits.
pub const EXIT_LIMITS: u8 = 3;
/// The request on standard input was unreadable.
pub const EXIT_REQUEST: u8 = 4;
/// The answer could not be written.
pub const EXIT_ANSWER: u8 = 5;

/// Buffer of the answer's writer: large enough that streaming the JSON costs
/// few system calls, small next to any memory limit.
const OUTPUT_BUFFER: usize = 64 * 1024;

/// Runs the child to the end; the process's exit status.
pub fn run_child(limits: ChildLimits) -> ExitCode {
    if let Err(error) = confine(limits) {
        eprintln!("docreview parse: cannot set the limits: {error}");
        return ExitCode::from(EXIT_LIMITS);
    }
    let request = match read_request(&mut io::stdin().lock()) {
        Ok(request) => request,
        Err(error) => {
            eprintln!("docreview parse: cannot read the request: {error}");
            return ExitCode::from(EXIT_REQUEST);
        }
    };
    let answer = match &request.task {
        Task::Parse => {
            Answer::from(docreview_extract::parse_file_with(&request.file_name, &request.content, &request.options))
        }
        Task::Draw(page) => Answer::drawn(docreview_extract::draw_page(
            &request.file_name,
            &request.content,
            page,
            request.options.max_image_pixels,
        )),
    };
    drop(request);
    let mut out = BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock());
    if let Err(error) = write_frame(&mut out, &answer).and_then(|()| out.flush()) {
        eprintln!("docreview parse: cannot write the answer: {error}");
        return ExitCode::from(EXIT_ANSWER);
    }
    ExitCode::SUCCESS
}
