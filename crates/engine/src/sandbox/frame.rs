//! Framing of the child's answer on its standard output, so that whatever a
//! library prints there cannot be mistaken for it: a newline, a magic line,
//! the length of the JSON in bytes on a line of its own, then the JSON.
//!
//! The child streams the JSON twice, once to count it and once to send it, so
//! the answer is never built as one string. The parent skips stray output
//! before the magic line (up to [`MAX_STRAY_BYTES`]), refuses a length over its
//! limit before reading it, and reads exactly that many bytes.

use std::io::{self, Write};

use serde::Serialize;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt};

/// The line that starts an answer.
pub(crate) const MAGIC: &[u8] = b"docreview-parse-answer/1";

/// The most output a child may write before its answer; beyond it, the
/// answer is taken as missing.
pub(crate) const MAX_STRAY_BYTES: u64 = 1 << 20;

/// The longest length line: 20 digits of a `u64` and the newline.
const MAX_LENGTH_LINE: u64 = 21;

/// Writes `value` as a frame: `\n`, the magic line, the length line, the JSON.
pub(crate) fn write_frame<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    let mut counter = Counter(0);
    serde_json::to_writer(&mut counter, value)?;
    out.write_all(b"\n")?;
    out.write_all(MAGIC)?;
    writeln!(out, "\n{}", counter.0)?;
    serde_json::to_writer(&mut *out, value)?;
    out.flush()
}

/// A writer that only counts.
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Why no answer could be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum FrameError {
    #[error("the parser ended without an answer")]
    Missing,
    #[error("the parser wrote more than {MAX_STRAY_BYTES} bytes before its answer")]
    TooMuchStray,
    #[error("the parser's answer has no valid length line")]
    BadLength,
    #[error("the parser's answer announces {length} bytes, over the limit of {limit}")]
    TooLarge { length: u64, limit: u64 },
    #[error("the parser's answer was cut off after {received} of {length} bytes")]
    Truncated { length: u64, received: u64 },
    #[error("reading the parser's answer: {0}")]
    Read(String),
}

impl From<io::Error> for FrameError {
    fn from(error: io::Error) -> Self {
        FrameError::Read(error.to_string())
    }
}

/// Reads one frame's JSON, at most `limit` bytes of it.
pub(crate) async fn read_frame<R: AsyncBufRead + Unpin>(reader: &mut R, limit: u64) -> Result<Vec<u8>, FrameError> {
    skip_to_magic(reader).await?;
    let mut line = Vec::new();
    (&mut *reader).take(MAX_LENGTH_LINE).read_until(b'\n', &mut line).await?;
    let length = line
        .strip_suffix(b"\n")
        .and_then(|digits| std::str::from_utf8(digits).ok())
        .and_then(|digits| digits.parse::<u64>().ok())
        .ok_or(FrameError::BadLength)?;
    if length > limit {
        return Err(FrameError::TooLarge { length, limit });
    }
    let mut json = Vec::with_capacity(usize::try_from(length).map_err(|_| FrameError::BadLength)?);
    (&mut *reader).take(length).read_to_end(&mut json).await?;
    let received = json.len() as u64;
    if received < length {
        return Err(FrameError::Truncated { length, received });
    }
    Ok(json)
}

/// Reads lines up to and including the magic line.
async fn skip_to_magic<R: AsyncBufRead + Unpin>(reader: &mut R) -> Result<(), FrameError> {
    let mut line = Vec::new();
    let mut stray = 0;
    loop {
        line.clear();
        // One byte more than the stray budget allows, to see it overrun.
        let budget = MAX_STRAY_BYTES - stray + MAGIC.len() as u64 + 1;
        let read = (&mut *reader).take(budget).read_until(b'\n', &mut line).await? as u64;
        if read == 0 {
            return Err(FrameError::Missing);
        }
        if line.strip_suffix(b"\n") == Some(MAGIC) {
            return Ok(());
        }
        stray += read;
        if stray > MAX_STRAY_BYTES {
            return Err(FrameError::TooMuchStray);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(value: &serde_json::Value) -> Vec<u8> {
        let mut out = Vec::new();
        write_frame(&mut out, value).unwrap();
        out
    }

    async fn read(bytes: &[u8], limit: u64) -> Result<serde_json::Value, FrameError> {
        let json = read_frame(&mut &bytes[..], limit).await?;
        Ok(serde_json::from_slice(&json).unwrap())
    }

    #[tokio::test]
    async fn a_frame_reads_back_as_the_value_written() {
        let value = serde_json::json!({"text": "line one\nline two", "n": [1, 2, 3]});
        assert_eq!(read(&framed(&value), 1000).await, Ok(value));
    }

    #[tokio::test]
    async fn stray_output_before_the_frame_is_skipped() {
        let value = serde_json::json!(["answer"]);
        let mut bytes = b"Warning: font not found\n{\"not\": \"the answer\"}\npartial line without newline".to_vec();
        bytes.extend(framed(&value));
        assert_eq!(read(&bytes, 1000).await, Ok(value));
    }

    #[tokio::test]
    async fn output_without_a_frame_is_a_missing_answer() {
        assert_eq!(read(b"", 1000).await, Err(FrameError::Missing));
        assert_eq!(read(b"{\"answer\": 1}\n", 1000).await, Err(FrameError::Missing));
    }

    #[tokio::test]
    async fn endless_stray_output_is_not_read_to_its_end() {
        let bytes = vec![b'x'; MAX_STRAY_BYTES as usize + 10];
        assert_eq!(read(&bytes, 1000).await, Err(FrameError::TooMuchStray));
        let lines = b"noise\n".repeat(MAX_STRAY_BYTES as usize / 6 + 10);
        assert_eq!(read(&lines, 1000).await, Err(FrameError::TooMuchStray));
    }

    #[tokio::test]
    async fn a_truncated_frame_says_how_much_arrived() {
        let bytes = framed(&serde_json::json!("0123456789"));
        let cut = &bytes[..bytes.len() - 4];
        assert_eq!(read(cut, 1000).await, Err(FrameError::Truncated { length: 12, received: 8 }));
        let header_only = &bytes[..MAGIC.len() + 2];
        assert_eq!(read(header_only, 1000).await, Err(FrameError::BadLength));
    }

    #[tokio::test]
    async fn an_oversized_frame_is_refused_before_it_is_read() {
        let bytes = framed(&serde_json::json!("0123456789"));
        assert_eq!(read(&bytes, 11).await, Err(FrameError::TooLarge { length: 12, limit: 11 }));
        let mut announced = b"\n".to_vec();
        announced.extend(MAGIC);
        announced.extend(b"\n18446744073709551615\n");
        assert_eq!(read(&announced, 1 << 30).await, Err(FrameError::TooLarge { length: u64::MAX, limit: 1 << 30 }));
    }

    #[tokio::test]
    async fn a_length_line_that_is_not_a_number_is_refused() {
        let mut bytes = b"\n".to_vec();
        bytes.extend(MAGIC);
        bytes.extend(b"\ntwelve\n\"0123456789\"");
        assert_eq!(read(&bytes, 1000).await, Err(FrameError::BadLength));
    }
}
