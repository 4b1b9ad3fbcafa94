//! How a parse ended, in words for `failure_causes`: the answer when the child
//! gave a complete one and exited cleanly, else the precise cause — the limit
//! that was hit and the setting that holds it, or what the child did instead
//! of answering.
//!
//! The child's standard error tells two deaths apart that look alike from
//! outside: Rust prints "memory allocation of N bytes failed" before it aborts
//! on an allocation refused under `RLIMIT_AS`, and "has overflowed its stack"
//! before it aborts on a stack overflow (deep nesting).

use std::fmt;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::time::Duration;

use super::frame::FrameError;
use super::limits::{ParseLimits, human_bytes, human_millis};
use super::protocol::Answer;

const SIGABRT: i32 = 6;
const SIGKILL: i32 = 9;
const SIGXCPU: i32 = 24;

/// What the parent kept of the child's standard error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Stderr {
    /// Rust's words before it aborts on a refused allocation.
    pub out_of_memory: bool,
    /// Rust's words before it aborts on a stack overflow.
    pub stack_overflow: bool,
    /// The last few kilobytes, for the log.
    pub tail: String,
}

impl Stderr {
    /// Notes what `line` says about how the child is ending.
    pub fn note(&mut self, line: &str) {
        let allocation =
            line.trim_end().strip_prefix("memory allocation of ").and_then(|l| l.strip_suffix(" bytes failed"));
        self.out_of_memory |=
            allocation.is_some_and(|bytes| !bytes.is_empty() && bytes.bytes().all(|b| b.is_ascii_digit()));
        self.stack_overflow |= line.contains("has overflowed its stack");
    }
}

/// Everything the parent saw of one child.
#[derive(Debug)]
pub(crate) struct ChildEnd {
    /// How the child exited.
    pub status: ExitStatus,
    /// The parent killed it at the deadline.
    pub timed_out: bool,
    /// From spawn to exit.
    pub elapsed: Duration,
    /// What it said on standard error.
    pub stderr: Stderr,
    /// The frame read from its standard output.
    pub frame: Result<Vec<u8>, FrameError>,
}

/// A parse that ended without an answer, or with one the parent refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChildFailure {
    Memory { subject: Subject, limit: u64 },
    Cpu { seconds: u64 },
    Timeout { ms: u64 },
    TooDeep { subject: Subject },
    OutputTooLarge { length: u64, limit: u64 },
    KilledFromOutside,
    Signal { signal: i32 },
    Exit { code: i32 },
    NoAnswer { detail: String },
    Malformed { detail: String },
}

/// What was parsed, as the causes name it; taken from the file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Pdf,
    Text,
    Json,
    File,
}

impl Subject {
    /// The subject of a file of `format` (its extension, lower case).
    pub fn of_format(format: &str) -> Self {
        match format {
            "pdf" => Subject::Pdf,
            "txt" | "md" | "markdown" | "text" => Subject::Text,
            "json" => Subject::Json,
            _ => Subject::File,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Subject::Pdf => "the PDF",
            Subject::Text => "the text file",
            Subject::Json => "the JSON file",
            Subject::File => "the file",
        })
    }
}

impl fmt::Display for ChildFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChildFailure::Memory { subject, limit } => write!(
                f,
                "{subject} needed more than {} of memory to parse; limit `limits.parse_memory_bytes`",
                human_bytes(*limit)
            ),
            ChildFailure::Cpu { seconds } => {
                write!(f, "parsing used more than {seconds} s of CPU; limit `limits.parse_cpu_seconds`")
            }
            ChildFailure::Timeout { ms } => {
                write!(f, "parsing took longer than {}; limit `limits.parse_timeout_ms`", human_millis(*ms))
            }
            ChildFailure::TooDeep { subject } => {
                write!(f, "{subject} is nested too deeply to parse (the parser ran out of stack)")
            }
            ChildFailure::OutputTooLarge { length, limit } => write!(
                f,
                "the parsed document is larger than {} ({length} bytes as JSON); limit `limits.parse_output_bytes`",
                human_bytes(*limit)
            ),
            ChildFailure::KilledFromOutside => f.write_str(
                "the parser was killed by signal 9 (SIGKILL) from outside docreview, before it could reach \
                 its CPU limit; the system may be short of memory",
            ),
            ChildFailure::Signal { signal } => {
                write!(f, "the parser stopped on signal {signal} ({}) without an answer", signal_name(*signal))
            }
            ChildFailure::Exit { code } => write!(f, "the parser exited with status {code} without an answer"),
            ChildFailure::NoAnswer { detail } => write!(f, "the parser gave no usable answer: {detail}"),
            ChildFailure::Malformed { detail } => write!(f, "the parser's answer is malformed: {detail}"),
        }
    }
}

/// The answer of a child, or why there is none.
pub(crate) fn outcome(end: ChildEnd, limits: &ParseLimits, subject: Subject) -> Result<Answer, ChildFailure> {
    if end.timed_out {
        return Err(ChildFailure::Timeout { ms: limits.timeout_ms });
    }
    if let Err(FrameError::TooLarge { length, limit }) = end.frame {
        return Err(ChildFailure::OutputTooLarge { length, limit });
    }
    if !end.status.success() {
        return Err(death(&end, limits, subject));
    }
    let json = end.frame.map_err(|error| ChildFailure::NoAnswer { detail: error.to_string() })?;
    serde_json::from_slice(&json).map_err(|error| ChildFailure::Malformed { detail: error.to_string() })
}

/// Why a child that did not exit cleanly died.
fn death(end: &ChildEnd, limits: &ParseLimits, subject: Subject) -> ChildFailure {
    // Both are followed by an abort.
    let aborted = end.status.signal() == Some(SIGABRT);
    if aborted && end.stderr.out_of_memory {
        return ChildFailure::Memory { subject, limit: limits.memory_bytes };
    }
    if aborted && end.stderr.stack_overflow {
        return ChildFailure::TooDeep { subject };
    }
    match (end.status.signal(), end.status.code()) {
        (Some(SIGXCPU), _) => ChildFailure::Cpu { seconds: limits.cpu_seconds },
        // The hard CPU limit kills with SIGKILL. A single-threaded child
        // cannot have used more CPU than wall-clock time.
        (Some(SIGKILL), _) if end.elapsed >= Duration::from_secs(limits.cpu_seconds) => {
            ChildFailure::Cpu { seconds: limits.cpu_seconds }
        }
        (Some(SIGKILL), _) => ChildFailure::KilledFromOutside,
        (Some(signal), _) => ChildFailure::Signal { signal },
        (None, Some(code)) => ChildFailure::Exit { code },
        (None, None) => ChildFailure::NoAnswer { detail: format!("it ended with {}", end.status) },
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        31 => "SIGSYS",
        _ => "unnamed",
    }
}

#[cfg(test)]
mod tests {
    use docreview_extract::ParseError;

    use super::*;
    use crate::sandbox::frame::write_frame;

    const LIMITS: ParseLimits = ParseLimits {
        memory_bytes: 1 << 30,
        cpu_seconds: 60,
        timeout_ms: 120_000,
        output_bytes: 256 << 20,
        image_pixels: 40_000_000,
    };

    /// A child that exited with `raw` (a wait status: code << 8, or a signal).
    fn ended(raw: i32, stderr: &str, frame: Result<Vec<u8>, FrameError>) -> ChildEnd {
        let mut seen = Stderr::default();
        stderr.split_inclusive('\n').for_each(|line| seen.note(line));
        ChildEnd {
            status: ExitStatus::from_raw(raw),
            timed_out: false,
            elapsed: Duration::from_secs(1),
            stderr: seen,
            frame,
        }
    }

    fn exited(code: i32) -> i32 {
        code << 8
    }

    fn cause(end: ChildEnd, subject: Subject) -> String {
        outcome(end, &LIMITS, subject).unwrap_err().to_string()
    }

    #[test]
    fn a_clean_exit_with_a_frame_gives_the_answer() {
        let answer = Answer::Rejected(ParseError::Empty);
        let json = serde_json::to_vec(&answer).unwrap();
        assert_eq!(outcome(ended(exited(0), "", Ok(json)), &LIMITS, Subject::File), Ok(answer));
    }

    #[test]
    fn an_allocation_failure_names_the_memory_limit() {
        let stderr = "memory allocation of 314572800 bytes failed\n";
        assert_eq!(
            cause(ended(6, stderr, Err(FrameError::Missing)), Subject::Pdf),
            "the PDF needed more than 1 GiB of memory to parse; limit `limits.parse_memory_bytes`"
        );
    }

    #[test]
    fn an_allocation_failure_is_recognised_before_a_long_backtrace() {
        let stderr =
            format!("memory allocation of 16777216 bytes failed\nstack backtrace:\n{}", "  frame\n".repeat(5000));
        let text = cause(ended(6, &stderr, Err(FrameError::Missing)), Subject::Text);
        assert!(text.starts_with("the text file needed more than 1 GiB of memory"), "{text}");
    }

    #[test]
    fn words_like_an_allocation_failure_are_not_one() {
        let panic = "thread 'main' panicked at x.rs:1:1:\nmemory allocation of 10 bytes failed\n";
        let text = cause(ended(exited(101), panic, Err(FrameError::Missing)), Subject::File);
        assert_eq!(text, "the parser exited with status 101 without an answer", "a panic is no abort");
        let loose = "memory allocation of the cache failed\n";
        let text = cause(ended(6, loose, Err(FrameError::Missing)), Subject::File);
        assert_eq!(text, "the parser stopped on signal 6 (SIGABRT) without an answer");
    }

    #[test]
    fn a_stack_overflow_says_the_file_is_nested_too_deeply() {
        let stderr = "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n";
        let text = cause(ended(6, stderr, Err(FrameError::Missing)), Subject::Pdf);
        assert!(text.starts_with("the PDF is nested too deeply to parse"), "{text}");
    }

    #[test]
    fn sigxcpu_and_a_late_sigkill_name_the_cpu_limit() {
        let expected = "parsing used more than 60 s of CPU; limit `limits.parse_cpu_seconds`";
        assert_eq!(cause(ended(SIGXCPU, "", Err(FrameError::Missing)), Subject::File), expected);
        let mut late = ended(SIGKILL, "", Err(FrameError::Missing));
        late.elapsed = Duration::from_secs(61);
        assert_eq!(cause(late, Subject::File), expected);
    }

    #[test]
    fn an_early_sigkill_is_not_blamed_on_the_cpu_limit() {
        let text = cause(ended(SIGKILL, "", Err(FrameError::Missing)), Subject::File);
        assert!(text.starts_with("the parser was killed by signal 9 (SIGKILL) from outside docreview"), "{text}");
    }

    #[test]
    fn the_deadline_wins_over_the_signal_it_caused() {
        let mut end = ended(SIGKILL, "", Err(FrameError::Missing));
        end.timed_out = true;
        assert_eq!(cause(end, Subject::Text), "parsing took longer than 120 s; limit `limits.parse_timeout_ms`");
    }

    #[test]
    fn an_oversized_answer_names_the_output_limit() {
        let frame = Err(FrameError::TooLarge { length: 300 << 20, limit: 256 << 20 });
        assert_eq!(
            cause(ended(SIGKILL, "", frame), Subject::Text),
            "the parsed document is larger than 256 MiB (314572800 bytes as JSON); limit `limits.parse_output_bytes`"
        );
    }

    #[test]
    fn other_signals_and_statuses_are_named() {
        let segv = cause(ended(11, "", Err(FrameError::Missing)), Subject::File);
        assert_eq!(segv, "the parser stopped on signal 11 (SIGSEGV) without an answer");
        let status = cause(ended(exited(101), "thread 'main' panicked", Err(FrameError::Missing)), Subject::File);
        assert_eq!(status, "the parser exited with status 101 without an answer");
    }

    #[test]
    fn a_clean_exit_without_a_frame_is_a_missing_answer() {
        let text = cause(ended(exited(0), "", Err(FrameError::Missing)), Subject::File);
        assert_eq!(text, "the parser gave no usable answer: the parser ended without an answer");
        let cut = Err(FrameError::Truncated { length: 10, received: 4 });
        let text = cause(ended(exited(0), "", cut), Subject::File);
        assert!(text.ends_with("cut off after 4 of 10 bytes"), "{text}");
    }

    #[test]
    fn a_frame_that_is_not_an_answer_is_malformed() {
        let text = cause(ended(exited(0), "", Ok(b"{\"answer\": \"maybe\"}".to_vec())), Subject::File);
        assert!(text.starts_with("the parser's answer is malformed: "), "{text}");
        let mut framed = Vec::new();
        write_frame(&mut framed, &serde_json::json!([1, 2])).unwrap();
        let text = cause(ended(exited(0), "", Ok(framed)), Subject::File);
        assert!(text.starts_with("the parser's answer is malformed: "), "{text}");
    }

    #[test]
    fn subjects_follow_the_format() {
        assert_eq!(Subject::of_format("pdf").to_string(), "the PDF");
        assert_eq!(Subject::of_format("md").to_string(), "the text file");
        assert_eq!(Subject::of_format("json").to_string(), "the JSON file");
        assert_eq!(Subject::of_format("").to_string(), "the file");
    }
}
