//! Why a file could not be turned into text. Each variant's `Display` is meant
//! for people: the worker stores it as the task's `failure_causes`, so it says
//! what is wrong with the file and, where there is one, what to do about it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A file that [`parse_file`](crate::parse_file) cannot read. Serialisable,
/// as it crosses from the parsing child process to the server.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,

    #[error(
        "unsupported file format: {format}{hint}; supported are PDF with a text layer, \
         Word (.docx), Excel (.xlsx, .xls), OpenDocument spreadsheets (.ods), CSV (.csv), \
         plain text (.txt), Markdown (.md) and DocFlow extraction results (.json)",
        hint = unsupported_hint(format)
    )]
    Unsupported { format: String },

    #[error("the text file is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8 and upload it again")]
    NotUtf8 { offset: usize },

    #[error("the PDF is damaged and cannot be read: {cause}")]
    CorruptPdf { cause: String },

    #[error("the PDF is encrypted; upload it without a password")]
    EncryptedPdf,

    #[error("PDF has no text layer; scanned PDFs need OCR")]
    NoTextLayer,

    #[error("the PDF has {pages} pages; at most {limit} are supported")]
    TooManyPages { pages: usize, limit: usize },

    #[error("the JSON file is not a DocFlow extraction result: {cause}")]
    InvalidJson { cause: String },

    /// A DOCX, XLSX, XLS, ODS or CSV file that its reader rejects.
    #[error("the {format} file is damaged and cannot be read: {cause}")]
    CorruptOffice { format: String, cause: String },

    /// An Office or CSV file beyond one of the limits of
    /// `docreview_extract::parse::office`, named by `name`.
    #[error("the {format} file has more than {limit} {what}; limit `{name}`")]
    OverLimit { format: String, what: String, limit: u64, name: String },
}

/// Images and Office files are common enough to deserve a word on why they fail.
fn unsupported_hint(format: &str) -> &'static str {
    match format {
        "png" | "jpeg" | "gif" | "tiff" | "bmp" | "webp" => " (images need OCR, which is not available yet)",
        "doc" | "ppt" | "pptx" | "odt" | "odp" => " (convert it to DOCX or PDF first)",
        "ofd" | "xlsb" => " (convert it to PDF first)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_names_the_format_and_what_is_supported() {
        let text = ParseError::Unsupported { format: "png".into() }.to_string();
        assert!(text.contains("png"), "{text}");
        assert!(text.contains("OCR"), "{text}");
        assert!(text.contains("PDF with a text layer"), "{text}");
    }

    #[test]
    fn no_text_layer_says_what_scans_need() {
        assert_eq!(ParseError::NoTextLayer.to_string(), "PDF has no text layer; scanned PDFs need OCR");
    }
}
