//! What parent and child say to each other. The parent writes a request on
//! the child's standard input: one line of JSON naming the file, its length
//! and the [`Task`] (parse it, or draw one of its pages), then the file's
//! bytes. The child answers on its standard output with one [`Answer`] in a
//! frame (see [`super::frame`]).

use std::io::{self, BufRead, Read};

use docreview_extract::{ParseError, ParseOptions, Parsed};
use docreview_wire::file::PageInfo;
use serde::{Deserialize, Serialize};

/// The most a request's header line may hold (the file name is short).
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// The first line of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RequestHeader {
    /// The uploaded file's name; the format is taken from the content first.
    pub file_name: String,
    /// How many bytes of content follow the header line.
    pub length: u64,
    /// OCR's language data and languages, and the image pixel limit.
    #[serde(default)]
    pub options: ParseOptions,
    #[serde(default)]
    pub task: Task,
}

/// What the child does with the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Task {
    /// Parse it: [`Answer::Parsed`].
    #[default]
    Parse,
    /// Draw this page, as extraction described it: [`Answer::Drawn`].
    Draw(PageInfo),
}

/// A request as the child reads it.
#[derive(Debug)]
pub(crate) struct Request {
    pub file_name: String,
    pub options: ParseOptions,
    pub task: Task,
    pub content: Vec<u8>,
}

/// The header line of a request to do `task` with `content`, newline included.
pub(crate) fn request_header(file_name: &str, options: &ParseOptions, task: &Task, content: &[u8]) -> Vec<u8> {
    let header = RequestHeader {
        file_name: file_name.to_owned(),
        length: content.len() as u64,
        options: options.clone(),
        task: task.clone(),
    };
    // A struct of a string and a number always serialises.
    let mut line = serde_json::to_vec(&header).unwrap_or_default();
    line.push(b'\n');
    line
}

/// Reads a request. The content is read into a buffer of exactly its length,
/// so a file too large for the memory limit fails at once, in one allocation.
pub(crate) fn read_request<R: BufRead>(input: &mut R) -> io::Result<Request> {
    let mut line = Vec::new();
    input.take(MAX_HEADER_BYTES).read_until(b'\n', &mut line)?;
    let header: RequestHeader = serde_json::from_slice(&line)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("request header: {e}")))?;
    let length = usize::try_from(header.length)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "request length does not fit in memory"))?;
    let mut content = Vec::with_capacity(length);
    input.take(header.length).read_to_end(&mut content)?;
    if content.len() != length {
        let message = format!("request cut off after {} of {length} bytes", content.len());
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, message));
    }
    Ok(Request { file_name: header.file_name, options: header.options, task: header.task, content })
}

/// The child's answer: what `docreview_extract::parse_file_with` or
/// `draw_page` returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", content = "value", rename_all = "snake_case")]
pub(crate) enum Answer {
    Parsed(Parsed),
    /// A page drawn as PNG bytes.
    Drawn(Vec<u8>),
    Rejected(ParseError),
}

impl Answer {
    /// The answer of a child that drew a page.
    pub(crate) fn drawn(result: Result<Vec<u8>, ParseError>) -> Self {
        result.map_or_else(Answer::Rejected, Answer::Drawn)
    }
}

impl From<Result<Parsed, ParseError>> for Answer {
    fn from(result: Result<Parsed, ParseError>) -> Self {
        match result {
            Ok(parsed) => Answer::Parsed(parsed),
            Err(error) => Answer::Rejected(error),
        }
    }
}

/// The answer to a request of the other task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WrongAnswer;

impl TryFrom<Answer> for Result<Parsed, ParseError> {
    type Error = WrongAnswer;

    fn try_from(answer: Answer) -> Result<Self, WrongAnswer> {
        match answer {
            Answer::Parsed(parsed) => Ok(Ok(parsed)),
            Answer::Rejected(error) => Ok(Err(error)),
            Answer::Drawn(_) => Err(WrongAnswer),
        }
    }
}

impl TryFrom<Answer> for Result<Vec<u8>, ParseError> {
    type Error = WrongAnswer;

    fn try_from(answer: Answer) -> Result<Self, WrongAnswer> {
        match answer {
            Answer::Drawn(png) => Ok(Ok(png)),
            Answer::Rejected(error) => Ok(Err(error)),
            Answer::Parsed(_) => Err(WrongAnswer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_reads_back_as_written() {
        let content = b"line one\nline two\n\xFF binary too".to_vec();
        let options = ParseOptions { languages: "eng".into(), tessdata: Some("/data".into()), max_image_pixels: 9 };
        let mut bytes = request_header("odd \"name\"\n.txt", &options, &Task::Parse, &content);
        bytes.extend(&content);
        let request = read_request(&mut &bytes[..]).unwrap();
        assert_eq!((request.file_name.as_str(), request.content), ("odd \"name\"\n.txt", content));
        assert_eq!(request.options, options);
    }

    #[test]
    fn a_cut_off_request_is_an_error() {
        let mut bytes = request_header("a.txt", &ParseOptions::default(), &Task::Parse, b"0123456789");
        bytes.extend(b"01234");
        let error = read_request(&mut &bytes[..]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert!(error.to_string().contains("5 of 10"), "{error}");
    }

    #[test]
    fn answers_survive_the_round_trip() {
        let rejected = Answer::Rejected(ParseError::CorruptPdf { cause: "no xref".into() });
        let json = serde_json::to_string(&rejected).unwrap();
        assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), rejected);
        let parsed = Answer::from(docreview_extract::parse_file("a.txt", b"Total: 5"));
        let json = serde_json::to_string(&parsed).unwrap();
        assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), parsed);
    }
}
