//! The entry point of parsing: decide the format, hand the bytes to its
//! reader, and say what came out.

use docreview_wire::file::{Document, DocumentPage, ExtractionData, PageInfo};
use serde::{Deserialize, Serialize};

use super::ocr::Ocr;
use super::options::ParseOptions;
use super::raster::{self, ImageKind};
use super::sniff::{self, Format};
use super::{docflow_json, office, pdf, text};
use crate::ParseError;

/// What a file turned out to hold. Serialisable, because files are parsed in
/// a child process that sends this back to the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Parsed {
    /// Text to classify and extract from. `format` is the file's format as
    /// DocFlow reports it (`pdf`, `txt`, `md`, `docx`, `xlsx`, `xls`, `ods`,
    /// `csv`, or the image's: `png`, `jpeg`, `tiff`, `bmp`, `webp`).
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

/// Reads a file with the default options (see [`parse_file_with`]).
pub fn parse_file(file_name: &str, bytes: &[u8]) -> Result<Parsed, ParseError> {
    parse_file_with(file_name, bytes, &ParseOptions::default())
}

/// Reads a file. The format is taken from the content first (a PNG named
/// `.pdf` is still a PNG) and from the name second. Images, and PDF pages
/// without a text layer, are read by OCR in `options.languages`.
///
/// This never panics: PDF parsing, which panics on many damaged files, runs
/// behind `catch_unwind`. It can still use any amount of memory, CPU time and
/// stack on a hostile file, so the server runs it only in a child process
/// under limits (`docreview parse`, see `docreview_engine::sandbox`).
pub fn parse_file_with(file_name: &str, bytes: &[u8], options: &ParseOptions) -> Result<Parsed, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::Empty);
    }
    match sniff::detect(file_name, bytes) {
        Format::Pdf => {
            let (document, pages) = pdf::parse(bytes, options)?;
            Ok(Parsed::Document { format: "pdf".to_owned(), document, pages })
        }
        Format::Json => docflow_json::parse(bytes).map(Parsed::DocflowResult),
        Format::Image(kind) => {
            let (document, pages) = image(kind, bytes, options)?;
            Ok(Parsed::Document { format: kind.name().to_owned(), document, pages })
        }
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

/// Reads an image by OCR: its first frame, or every page of a TIFF.
fn image(kind: ImageKind, bytes: &[u8], options: &ParseOptions) -> Result<(Document, Vec<PageInfo>), ParseError> {
    let rasters = match kind {
        ImageKind::Tiff => raster::tiff_pages(bytes, options.max_image_pixels, MAX_PAGES)?,
        _ => vec![raster::decode(kind, bytes, options.max_image_pixels)?],
    };
    let mut ocr = Ocr::new(options)?;
    let mut document = Document::default();
    let mut infos = Vec::with_capacity(rasters.len());
    for (index, raster) in rasters.into_iter().enumerate() {
        let dpi = raster.dpi;
        let page = ocr.page(raster.image, dpi)?;
        infos.push(PageInfo {
            page: index as i64,
            angle: page.angle,
            width: page.width,
            height: page.height,
            dpi: i64::from(dpi),
        });
        document.pages.push(DocumentPage {
            angle: page.angle,
            width: page.width,
            height: page.height,
            lines: page.lines,
        });
    }
    if document.pages.iter().all(|p| p.lines.is_empty()) {
        return Err(ParseError::NoTextInImage);
    }
    Ok((document, infos))
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
    fn a_png_named_pdf_is_read_as_png() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let Err(ParseError::CorruptImage { format, .. }) = parse_file("scan.pdf", png) else { panic!("not an image") };
        assert_eq!(format, "png");
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
