//! The entry point of parsing: decide the format, hand the bytes to its
//! reader, and say what came out.

use docreview_wire::file::{Document, ExtractionData, PageInfo};
use serde::{Deserialize, Serialize};

use super::sniff::{self, Format};
use super::{docflow_json, office, pdf, text};
use crate::ParseError;

/// What a file turned out to hold. Serialisable, because files are parsed in
/// a child process that sends this back to the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Parsed {
    /// Text to classify and extract from. `format` is the file's format as
    /// DocFlow reports it (`pdf`, `txt`, `md`, `docx`, `xlsx`, `xls`, `ods`, `csv`).
    Document { format: String, document: Document, pages: Vec<PageInfo> },
    /// An extraction result made by DocFlow or a compatible tool; its format is `json`.
    DocflowResult(ImportedResult),
}

/// A DocFlow extraction result, kept as it was received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedResult {
    pub data: ExtractionData,
    pub pages: Vec<PageInfo>,
    pub document: Option<Document>,
    /// The category name the result names, if any.
    pub category: Option<String>,
}

/// The most pages a PDF may have (DocFlow's documented limit).
pub const MAX_PAGES: usize = 1000;

/// Reads a file. The format is taken from the content first (a PNG named
/// `.pdf` is still a PNG) and from the name second.
///
/// This never panics: PDF parsing, which panics on many damaged files, runs
/// behind `catch_unwind`. It can still use any amount of memory, CPU time and
/// stack on a hostile file, so the server runs it only in a child process
/// under limits (`docreview parse`, see `docreview_engine::sandbox`).
pub fn parse_file(file_name: &str, bytes: &[u8]) -> Result<Parsed, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::Empty);
    }
    match sniff::detect(file_name, bytes) {
        Format::Pdf => {
            let (document, pages) = pdf::parse(bytes)?;
            Ok(Parsed::Document { format: "pdf".to_owned(), document, pages })
        }
        Format::Json => docflow_json::parse(bytes).map(Parsed::DocflowResult),
        Format::Text { markdown } => {
            let (document, pages) = text::parse(bytes)?;
            let format = if markdown { "md" } else { "txt" };
            Ok(Parsed::Document { format: format.to_owned(), document, pages })
        }
        Format::Docx => office::docx::parse(bytes).map(|(document, pages)| document_of("docx", document, pages)),
        Format::Workbook(format) => {
            office::sheet::parse(format, bytes).map(|(document, pages)| document_of(format, document, pages))
        }
        Format::Csv => office::csv::parse(bytes).map(|(document, pages)| document_of("csv", document, pages)),
        Format::Unsupported(format) => Err(ParseError::Unsupported { format }),
    }
}

fn document_of(format: &str, document: Document, pages: Vec<PageInfo>) -> Parsed {
    Parsed::Document { format: format.to_owned(), document, pages }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_empty_whatever_its_name() {
        assert_eq!(parse_file("invoice.pdf", b""), Err(ParseError::Empty));
        assert_eq!(parse_file("notes.txt", b""), Err(ParseError::Empty));
    }

    #[test]
    fn a_png_named_pdf_is_reported_as_png() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(parse_file("scan.pdf", png), Err(ParseError::Unsupported { format: "png".into() }));
    }

    #[test]
    fn text_is_reported_with_its_format() {
        let Ok(Parsed::Document { format, .. }) = parse_file("notes.md", b"# Title") else { panic!("not a document") };
        assert_eq!(format, "md");
        let Ok(Parsed::Document { format, .. }) = parse_file("upload", b"plain words") else {
            panic!("not a document")
        };
        assert_eq!(format, "txt");
    }
}
