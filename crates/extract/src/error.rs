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
        "unsupported file format: {format}{hint}; supported are PDF, images (PNG, JPEG, TIFF, BMP, WebP), \
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

    #[error("the PDF has no text layer and OCR found no text on its pages")]
    NoTextLayer,

    #[error("the {format} image is damaged and cannot be read: {cause}")]
    CorruptImage { format: String, cause: String },

    #[error(
        "page {page} of the image is {width}×{height} pixels; at most {limit} pixels a page are read \
         (limit `limits.parse_image_pixels`)"
    )]
    ImageTooLarge { page: usize, width: u64, height: u64, limit: u64 },

    #[error("OCR found no text in the image")]
    NoTextInImage,

    #[error("unknown OCR language {language:?}; installed are: {installed}")]
    UnknownOcrLanguage { language: String, installed: String },

    #[error("OCR is not available: {cause}")]
    OcrUnavailable { cause: String },

    #[error("the PDF has {pages} pages; at most {limit} are supported")]
    TooManyPages { pages: usize, limit: usize },

    #[error("the TIFF has more than {limit} pages; at most {limit} are read")]
    TooManyImagePages { limit: usize },

    /// A page image asked of a page the file does not have.
    #[error("the file has no page {page}")]
    NoSuchPage { page: i64 },

    /// A page image asked of a file that has no pages to draw.
    #[error("a {format} file has no page images: pages are drawn for images and PDFs")]
    NotDrawn { format: String },

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
        "gif" => " (convert it to PNG first)",
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
        let text = ParseError::Unsupported { format: "gif".into() }.to_string();
        assert!(text.contains("gif"), "{text}");
        assert!(text.contains("convert it to PNG"), "{text}");
        assert!(text.contains("images (PNG, JPEG, TIFF, BMP, WebP)"), "{text}");
    }

    #[test]
    fn no_text_layer_says_ocr_was_tried() {
        assert_eq!(ParseError::NoTextLayer.to_string(), "the PDF has no text layer and OCR found no text on its pages");
    }

    #[test]
    fn image_limits_name_their_setting() {
        let text = ParseError::ImageTooLarge { page: 1, width: 20_000, height: 30_000, limit: 60_000_000 }.to_string();
        assert!(text.contains("20000×30000") && text.contains("limits.parse_image_pixels"), "{text}");
    }
}
