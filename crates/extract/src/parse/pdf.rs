//! PDFs: the text layer read with pdf-extract; pages without one rendered
//! with hayro and read by OCR.
//!
//! pdf-extract panics on many damaged files (unknown font names, text outside
//! `BT`, odd font dictionaries) and returns errors only for damage to the
//! header and cross-reference table, so the whole read runs behind
//! `catch_unwind` and a panic becomes [`ParseError::CorruptPdf`]. This relies on
//! the default `panic = "unwind"`; the panic message still goes to the panic
//! hook (stderr by default).

use std::panic::{AssertUnwindSafe, catch_unwind};

use docreview_wire::file::{Document, DocumentPage, PageInfo};

use super::MAX_PAGES;
use super::glyphs::{Collector, DPI, PageGlyphs};
use super::lines;
use super::ocr::{Ocr, OcrPage};
use super::options::ParseOptions;
use super::render::render_pages;
use crate::ParseError;

pub(crate) fn parse(bytes: &[u8], options: &ParseOptions) -> Result<(Document, Vec<PageInfo>), ParseError> {
    let pages = match catch_unwind(AssertUnwindSafe(|| collect(bytes))) {
        Ok(pages) => pages?,
        Err(panic) => return Err(ParseError::CorruptPdf { cause: panic_cause(panic.as_ref()) }),
    };
    let scanned: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.glyphs.iter().all(|g| g.text.trim().is_empty()))
        .map(|(index, _)| index)
        .collect();
    let has_text_layer = scanned.len() < pages.len();
    let mut read = match ocr_pages(bytes, &scanned, options) {
        Ok(read) => read.into_iter(),
        // A PDF with a text layer keeps it when OCR cannot run; an unknown
        // language is the upload's mistake and is always reported.
        Err(error) if has_text_layer && !matches!(error, ParseError::UnknownOcrLanguage { .. }) => {
            Vec::new().into_iter()
        }
        Err(error) => return Err(error),
    };
    let mut next_read = read.next();
    let mut document = Document::default();
    let mut infos = Vec::with_capacity(pages.len());
    for (index, page) in pages.into_iter().enumerate() {
        if let Some((_, ocr, dpi)) = next_read.take_if(|(at, _, _)| *at == index) {
            let OcrPage { angle, width, height, lines } = ocr;
            infos.push(PageInfo { page: index as i64, angle, width, height, dpi: i64::from(dpi) });
            document.pages.push(DocumentPage { angle, width, height, lines });
            next_read = read.next();
            continue;
        }
        infos.push(PageInfo { page: index as i64, angle: 0, width: page.width, height: page.height, dpi: DPI });
        let lines = lines::group(page.glyphs);
        document.pages.push(DocumentPage { angle: 0, width: page.width, height: page.height, lines });
    }
    if document.pages.iter().all(|p| p.lines.is_empty()) {
        return Err(ParseError::NoTextLayer);
    }
    Ok((document, infos))
}

/// Renders the pages at `indices` and reads them by OCR: each with its index
/// and the resolution it was rendered at.
fn ocr_pages(
    bytes: &[u8],
    indices: &[usize],
    options: &ParseOptions,
) -> Result<Vec<(usize, OcrPage, u32)>, ParseError> {
    if indices.is_empty() {
        return Ok(Vec::new());
    }
    let mut ocr = Ocr::new(options)?;
    let mut read = Vec::with_capacity(indices.len());
    render_pages(bytes, indices, options.max_image_pixels, |index, raster| {
        let dpi = raster.dpi;
        read.push((index, ocr.page(raster.image, dpi)?, dpi));
        Ok(())
    })?;
    Ok(read)
}

fn collect(bytes: &[u8]) -> Result<Vec<PageGlyphs>, ParseError> {
    let corrupt = |cause: String| ParseError::CorruptPdf { cause };
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| corrupt(e.to_string()))?;
    if doc.is_encrypted() {
        // Many PDFs are encrypted with an empty user password only to set
        // permissions; those open without one.
        doc.decrypt("").map_err(|_| ParseError::EncryptedPdf)?;
    }
    let count = doc.get_pages().len();
    if count == 0 {
        return Err(corrupt("it has no pages".to_owned()));
    }
    if count > MAX_PAGES {
        return Err(ParseError::TooManyPages { pages: count, limit: MAX_PAGES });
    }
    let mut collector = Collector::default();
    pdf_extract::output_doc(&doc, &mut collector).map_err(|e| corrupt(e.to_string()))?;
    let no_text = collector.pages.iter().flat_map(|p| &p.glyphs).all(|g| g.text.trim().is_empty());
    if no_text && let Some(page) = damaged_content(&doc) {
        return Err(corrupt(format!("the content stream of page {page} is damaged")));
    }
    Ok(collector.pages)
}

/// The first page (1-based) whose content stream does not parse strictly.
///
/// pdf-extract reads content leniently and skips what it cannot parse, so a
/// damaged stream looks like a page without text; this tells the two apart
/// before we blame a missing text layer.
fn damaged_content(doc: &pdf_extract::Document) -> Option<u32> {
    doc.get_pages().into_iter().find_map(|(number, id)| {
        let ok =
            doc.get_page_content(id).is_ok_and(|bytes| pdf_extract::content::Content::decode_strict(&bytes).is_ok());
        (!ok).then_some(number)
    })
}

fn panic_cause(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown reason".to_owned());
    format!("the PDF parser gave up ({message})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_alone_is_a_corrupt_pdf() {
        assert!(matches!(parse(b"%PDF-1.7\n", &ParseOptions::default()), Err(ParseError::CorruptPdf { .. })));
    }

    #[test]
    fn panics_carry_their_message() {
        let cause = panic_cause(&"unexpected smask type");
        assert_eq!(cause, "the PDF parser gave up (unexpected smask type)");
    }
}
