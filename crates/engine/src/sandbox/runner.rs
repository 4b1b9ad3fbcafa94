//! The parent side: run one parse in a child process and read its answer.
//!
//! The child is spawned with its three standard streams piped and is killed
//! if the parse is abandoned. The request is written while the answer and the
//! child's standard error are read, so neither side can block the other on a
//! full pipe. The answer is read up to `limits.parse_output_bytes`; of standard
//! error only the tail is kept, for the cause and the log. A child still
//! running at the deadline is killed.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Instant;

use docreview_extract::{ParseError, ParseOptions, Parsed};
use docreview_wire::file::PageInfo;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{ChildStderr, ChildStdin, Command};

use super::cause::{ChildEnd, ChildFailure, Stderr, Subject, outcome};
use super::command::ParserCommand;
use super::frame::{FrameError, read_frame};
use super::limits::ParseLimits;
use super::protocol::{Answer, Task, WrongAnswer, request_header};

/// How much of the child's standard error is kept: enough for a panic
/// message or the runtime's last words.
const STDERR_KEPT: usize = 8 * 1024;

/// Parses files in child processes: which program, under which limits, and
/// where OCR's language data is.
#[derive(Debug, Clone)]
pub struct Sandbox {
    command: ParserCommand,
    limits: ParseLimits,
    tessdata: Option<PathBuf>,
}

/// Why a file has no parsed content: the parser rejected it, or the child
/// failed. Both are final for the file; the text is its `failure_causes`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseFailure {
    #[error("{0}")]
    Rejected(ParseError),
    #[error("{0}")]
    Child(ChildFailure),
}

/// A parse that could not be run at all, through no fault of the file.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot start the parser {program}: {source}")]
    Spawn { program: String, source: std::io::Error },
    #[error("waiting for the parser: {0}")]
    Wait(std::io::Error),
    #[error("decoding the parser's answer stopped unexpectedly: {0}")]
    Decode(String),
}

impl Sandbox {
    /// Finds Tesseract's language data now, in this process's environment
    /// (`TESSDATA_PREFIX` or the usual places): the child has none, so the
    /// path is passed with each request.
    pub fn new(command: ParserCommand, limits: ParseLimits) -> Self {
        let tessdata = docreview_extract::parse::find_tessdata();
        match &tessdata {
            Some(path) => tracing::debug!(tessdata = %path.display(), "OCR language data found"),
            None => tracing::warn!("no Tesseract language data found: images and scanned PDF pages will fail"),
        }
        Self { command, limits, tessdata }
    }

    /// Where OCR's language data is, if it was found.
    pub fn tessdata(&self) -> Option<&std::path::Path> {
        self.tessdata.as_deref()
    }

    pub fn limits(&self) -> &ParseLimits {
        &self.limits
    }

    /// Parses `content` (a file named `file_name` of format `format`, its
    /// extension) in a child process. The content is dropped as soon as the
    /// child has it, before the answer is decoded.
    pub async fn parse(
        &self,
        file_name: &str,
        format: &str,
        content: Vec<u8>,
    ) -> Result<Result<Parsed, ParseFailure>, SandboxError> {
        self.parse_with(file_name, format, content, None).await
    }

    /// Parses like [`parse`](Self::parse), reading images and scanned pages
    /// in `languages` (Tesseract codes joined by `+`; `None`: the default,
    /// `chi_sim+eng`).
    pub async fn parse_with(
        &self,
        file_name: &str,
        format: &str,
        content: Vec<u8>,
        languages: Option<&str>,
    ) -> Result<Result<Parsed, ParseFailure>, SandboxError> {
        let options = ParseOptions {
            tessdata: self.tessdata.clone(),
            languages: languages.unwrap_or(docreview_extract::parse::DEFAULT_OCR_LANGUAGES).to_owned(),
            max_image_pixels: self.limits.image_pixels,
        };
        let answer = self.exchange(file_name, format, &options, &Task::Parse, content).await?;
        Ok(answer.and_then(|answer| {
            Result::<Parsed, ParseError>::try_from(answer)
                .map_err(|WrongAnswer| {
                    ParseFailure::Child(ChildFailure::Malformed {
                        detail: "it answered a parse with a drawn page".into(),
                    })
                })?
                .map_err(ParseFailure::Rejected)
        }))
    }

    /// Draws `page` of an uploaded file (as extraction described it) as PNG
    /// bytes, upright and at the size its vertices use, in a child under the
    /// same limits as a parse.
    pub async fn draw_page(
        &self,
        file_name: &str,
        format: &str,
        content: Vec<u8>,
        page: &PageInfo,
    ) -> Result<Result<Vec<u8>, ParseFailure>, SandboxError> {
        let options =
            ParseOptions { tessdata: None, languages: String::new(), max_image_pixels: self.limits.image_pixels };
        let answer = self.exchange(file_name, format, &options, &Task::Draw(page.clone()), content).await?;
        Ok(answer.and_then(|answer| {
            Result::<Vec<u8>, ParseError>::try_from(answer)
                .map_err(|WrongAnswer| {
                    ParseFailure::Child(ChildFailure::Malformed { detail: "it answered a drawing with a parse".into() })
                })?
                .map_err(ParseFailure::Rejected)
        }))
    }

    /// Runs a child on one request and reads its answer, or why it gave none.
    async fn exchange(
        &self,
        file_name: &str,
        format: &str,
        options: &ParseOptions,
        task: &Task,
        content: Vec<u8>,
    ) -> Result<Result<Answer, ParseFailure>, SandboxError> {
        let end = self.run_child(file_name, options, task, content).await?;
        let stderr = end.stderr.tail.clone();
        let limits = self.limits;
        let subject = Subject::of_format(format);
        // Decoding a large answer takes a while: keep it off the async workers.
        let decoded = tokio::task::spawn_blocking(move || outcome(end, &limits, subject))
            .await
            .map_err(|e| SandboxError::Decode(e.to_string()))?;
        Ok(decoded.map_err(|failure| {
            tracing::warn!(file_name, cause = %failure, stderr = %stderr, "the parsing child failed");
            ParseFailure::Child(failure)
        }))
    }

    /// Runs the child to its end and collects what it did.
    async fn run_child(
        &self,
        file_name: &str,
        options: &ParseOptions,
        task: &Task,
        content: Vec<u8>,
    ) -> Result<ChildEnd, SandboxError> {
        let started = Instant::now();
        let mut child = Command::new(&self.command.program)
            .args(&self.command.args)
            .args(self.limits.child().to_args())
            // The child needs nothing from the environment, and should not
            // see the server's (model API keys live there). A backtrace per
            // caught panic of the PDF parser would only bury the lines the
            // causes are read from. Tesseract's OpenMP threads would compete
            // with the other workers' parses for the cores: one thread each.
            .env_clear()
            .env("RUST_BACKTRACE", "0")
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|source| SandboxError::Spawn { program: self.command.program.display().to_string(), source })?;
        let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
        let output_limit = self.limits.output_bytes;
        let exchange = async {
            let read = async move {
                let Some(stdout) = stdout else { return Err(FrameError::Missing) };
                // Dropped on return: a child still writing then gets EPIPE and exits.
                read_frame(&mut BufReader::new(stdout), output_limit).await
            };
            let (frame, stderr, ()) =
                tokio::join!(read, read_stderr(stderr), send(stdin, file_name, options, task, content));
            (frame, stderr, child.wait().await)
        };
        match tokio::time::timeout(self.limits.timeout(), exchange).await {
            Ok((frame, stderr, status)) => {
                let status = status.map_err(SandboxError::Wait)?;
                Ok(ChildEnd { status, timed_out: false, elapsed: started.elapsed(), stderr, frame })
            }
            Err(_) => {
                // The kill fails only if the child is already gone; wait reaps it either way.
                let _ = child.start_kill();
                let status = child.wait().await.map_err(SandboxError::Wait)?;
                let frame = Err(FrameError::Missing);
                Ok(ChildEnd { status, timed_out: true, elapsed: started.elapsed(), stderr: Stderr::default(), frame })
            }
        }
    }
}

/// Writes the request, then drops the content. A child that dies early
/// closes its end and the write fails; its exit status then says why, so the
/// error is not kept.
async fn send(stdin: Option<ChildStdin>, file_name: &str, options: &ParseOptions, task: &Task, content: Vec<u8>) {
    let Some(mut stdin) = stdin else { return };
    if stdin.write_all(&request_header(file_name, options, task, &content)).await.is_ok() {
        let _ = stdin.write_all(&content).await;
    }
}

/// Reads standard error to its end, line by line: notes the last words of a
/// runtime abort wherever they come, and keeps the last [`STDERR_KEPT`] bytes.
async fn read_stderr(stderr: Option<ChildStderr>) -> Stderr {
    let mut seen = Stderr::default();
    let Some(stderr) = stderr else { return seen };
    let mut reader = BufReader::new(stderr);
    let mut kept = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader).take(STDERR_KEPT as u64).read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        seen.note(&String::from_utf8_lossy(&line));
        kept.extend_from_slice(&line);
        if kept.len() > 2 * STDERR_KEPT {
            kept.drain(..kept.len() - STDERR_KEPT);
        }
    }
    if kept.len() > STDERR_KEPT {
        kept.drain(..kept.len() - STDERR_KEPT);
    }
    seen.tail = String::from_utf8_lossy(&kept).into_owned();
    seen
}

#[cfg(test)]
mod tests {
    //! The parent side against stand-in children written in `sh`: they get
    //! the same arguments and pipes as `docreview parse`, and misbehave.

    use docreview_extract::ParseError;

    use super::*;
    use crate::sandbox::frame::MAGIC;

    /// A sandbox whose child runs `script` in `sh` (the limit flags become
    /// its positional parameters).
    fn sandbox(script: &str, limits: ParseLimits) -> Sandbox {
        let command = ParserCommand { program: "/bin/sh".into(), args: vec!["-c".into(), script.into(), "sh".into()] };
        Sandbox::new(command, limits)
    }

    fn limits() -> ParseLimits {
        ParseLimits { timeout_ms: 10_000, ..ParseLimits::default() }
    }

    async fn cause(script: &str, limits: ParseLimits, content: Vec<u8>) -> String {
        match sandbox(script, limits).parse("f.pdf", "pdf", content).await.unwrap() {
            Err(ParseFailure::Child(failure)) => failure.to_string(),
            other => panic!("not a child failure: {other:?}"),
        }
    }

    /// A script that reads its input and prints `answer` as a frame.
    fn answering(answer: &str) -> String {
        let magic = std::str::from_utf8(MAGIC).unwrap();
        format!("cat > /dev/null; printf '\\n{magic}\\n%s\\n%s' {} '{answer}'", answer.len())
    }

    #[tokio::test]
    async fn a_framed_answer_after_stray_output_is_taken() {
        let answer = serde_json::to_string(&super::super::protocol::Answer::Rejected(ParseError::Empty)).unwrap();
        let script = format!("echo 'Warning: something'; {}", answering(&answer));
        let parsed = sandbox(&script, limits()).parse("f.txt", "txt", b"x".to_vec()).await.unwrap();
        assert_eq!(parsed, Err(ParseFailure::Rejected(ParseError::Empty)));
    }

    #[tokio::test]
    async fn a_child_past_the_deadline_is_killed() {
        let limits = ParseLimits { timeout_ms: 300, ..limits() };
        let started = Instant::now();
        let text = cause("exec sleep 30", limits, b"x".to_vec()).await;
        assert_eq!(text, "parsing took longer than 300 ms; limit `limits.parse_timeout_ms`");
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "the child was not killed at the deadline");
    }

    #[tokio::test]
    async fn an_answer_over_the_output_limit_is_refused_without_reading_it() {
        let limits = ParseLimits { output_bytes: 1000, ..limits() };
        let magic = std::str::from_utf8(MAGIC).unwrap();
        // Announces 5000 bytes and then writes without end.
        let script = format!("cat > /dev/null; printf '\\n{magic}\\n5000\\n'; exec yes");
        let text = cause(&script, limits, b"x".to_vec()).await;
        assert_eq!(
            text,
            "the parsed document is larger than 1000 bytes (5000 bytes as JSON); limit `limits.parse_output_bytes`"
        );
    }

    #[tokio::test]
    async fn garbage_on_stdout_is_no_answer() {
        let text = cause("cat > /dev/null; echo '{\"answer\": \"parsed\"}'", limits(), b"x".to_vec()).await;
        assert_eq!(text, "the parser gave no usable answer: the parser ended without an answer");
        let text = cause(&answering("{\"answer\": 42}"), limits(), b"x".to_vec()).await;
        assert!(text.starts_with("the parser's answer is malformed: "), "{text}");
    }

    #[tokio::test]
    async fn a_child_that_does_not_read_its_input_does_not_block_the_parent() {
        let text = cause("exit 0", limits(), vec![b'x'; 8 << 20]).await;
        assert_eq!(text, "the parser gave no usable answer: the parser ended without an answer");
    }

    #[tokio::test]
    async fn an_abort_after_a_refused_allocation_names_the_memory_limit() {
        let limits = ParseLimits { memory_bytes: 256 << 20, ..limits() };
        let script = "cat > /dev/null; echo 'memory allocation of 314572800 bytes failed' >&2; kill -ABRT $$";
        let text = cause(script, limits, b"x".to_vec()).await;
        assert_eq!(text, "the PDF needed more than 256 MiB of memory to parse; limit `limits.parse_memory_bytes`");
    }

    #[tokio::test]
    async fn a_crash_is_named_by_its_signal() {
        let text = cause("kill -SEGV $$", limits(), b"x".to_vec()).await;
        assert_eq!(text, "the parser stopped on signal 11 (SIGSEGV) without an answer");
    }

    #[tokio::test]
    async fn the_child_receives_its_limits_as_flags() {
        let limits = ParseLimits { memory_bytes: 12345, cpu_seconds: 7, ..limits() };
        let text = cause("echo \"$@\" >&2; exit 3", limits, b"x".to_vec()).await;
        assert_eq!(text, "the parser exited with status 3 without an answer");
        // The flags reached the child: it echoed them, and the exit is what
        // the cause reports; the tail is kept for the log.
        let end = sandbox("echo \"$@\" >&2; exit 3", limits)
            .run_child("f.pdf", &ParseOptions::default(), &Task::Parse, b"x".to_vec())
            .await
            .unwrap();
        assert_eq!(end.stderr.tail, "--memory-bytes 12345 --cpu-seconds 7\n");
    }

    #[tokio::test]
    async fn the_child_sees_none_of_the_server_s_environment() {
        assert!(std::env::var_os("HOME").is_some(), "the check needs HOME set here");
        let script = "[ -z \"$HOME\" ] || exit 8; [ \"$RUST_BACKTRACE\" = 0 ] || exit 9; exit 7";
        let text = cause(script, limits(), b"x".to_vec()).await;
        assert_eq!(text, "the parser exited with status 7 without an answer");
    }

    #[tokio::test]
    async fn a_program_that_cannot_start_is_an_error_not_a_cause() {
        let command = ParserCommand { program: "/nonexistent/docreview".into(), args: vec![] };
        let error = Sandbox::new(command, limits()).parse("f.pdf", "pdf", b"x".to_vec()).await.unwrap_err();
        assert!(error.to_string().starts_with("cannot start the parser /nonexistent/docreview"), "{error}");
    }
}
