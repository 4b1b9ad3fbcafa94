//! OCR with Tesseract 5 (Debian's `libtesseract`, through the `tesseract`
//! crate): a grey page in, its text lines with positions out.
//!
//! Each page is first read with orientation detection on (`osd` data, page
//! segmentation "auto with OSD"). When Tesseract finds the text turned by 90,
//! 180 or 270 degrees, the page is turned upright and read again, so that
//! lines, boxes and the reported page size are those of the upright page.
//! Words come from Tesseract's TSV output and are grouped into lines by
//! geometry (see [`words`]).
//!
//! The language data directory is always passed explicitly: the parsing child
//! runs with an empty environment, so `TESSDATA_PREFIX` is not there.

mod orientation;
mod words;

pub(crate) use orientation::upright;

use std::path::PathBuf;

use docreview_wire::file::TextLine;
use image::GrayImage;
use tesseract::{PageSegMode, Tesseract};

use super::options::{ParseOptions, find_tessdata, installed_languages};
use crate::ParseError;

/// One page as OCR read it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OcrPage {
    /// How far the page was turned clockwise from upright: 0, 90, 180 or 270.
    pub angle: i64,
    /// Size of the upright page, in pixels.
    pub width: i64,
    pub height: i64,
    pub lines: Vec<TextLine>,
}

/// A Tesseract instance set up for the upload's languages, reused across pages.
pub(crate) struct Ocr {
    tessdata: String,
    languages: String,
    engine: Option<Tesseract>,
}

impl std::fmt::Debug for Ocr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ocr").field("tessdata", &self.tessdata).field("languages", &self.languages).finish()
    }
}

impl Ocr {
    /// Checks that the language data is there and that every language asked
    /// for is installed; Tesseract itself starts with the first page.
    pub(crate) fn new(options: &ParseOptions) -> Result<Self, ParseError> {
        let tessdata: PathBuf =
            options.tessdata.clone().or_else(find_tessdata).ok_or_else(|| ParseError::OcrUnavailable {
                cause: "no Tesseract language data was found; install tesseract-ocr (scripts/setup)".to_owned(),
            })?;
        let installed = installed_languages(&tessdata);
        let languages = options.languages.trim();
        let languages = if languages.is_empty() { super::options::DEFAULT_OCR_LANGUAGES } else { languages };
        for language in languages.split('+') {
            if !installed.iter().any(|l| l == language) {
                return Err(ParseError::UnknownOcrLanguage {
                    language: language.to_owned(),
                    installed: installed.join(", "),
                });
            }
        }
        let tessdata = tessdata.to_str().map(str::to_owned).ok_or_else(|| ParseError::OcrUnavailable {
            cause: format!("the language data path {} is not UTF-8", tessdata.display()),
        })?;
        Ok(Self { tessdata, languages: languages.to_owned(), engine: None })
    }

    /// Reads one page scanned at `dpi`.
    pub(crate) fn page(&mut self, image: GrayImage, dpi: u32) -> Result<OcrPage, ParseError> {
        let (tsv, hocr) = self.recognize(&image, dpi, PageSegMode::PsmAutoOsd)?;
        let angle = orientation::page_angle(&hocr);
        let (image, tsv, hocr) = if angle == 0 {
            (image, tsv, hocr)
        } else {
            let upright = orientation::upright(&image, angle);
            let (tsv, hocr) = self.recognize(&upright, dpi, PageSegMode::PsmAuto)?;
            (upright, tsv, hocr)
        };
        let metrics = words::line_metrics(&hocr);
        Ok(OcrPage {
            angle,
            width: i64::from(image.width()),
            height: i64::from(image.height()),
            lines: words::group(words::from_tsv(&tsv, &metrics)),
        })
    }

    /// Runs Tesseract over `image`: its TSV and hOCR output.
    fn recognize(&mut self, image: &GrayImage, dpi: u32, mode: PageSegMode) -> Result<(String, String), ParseError> {
        let failed = |step: &str, cause: String| ParseError::OcrUnavailable { cause: format!("{step}: {cause}") };
        let engine = match self.engine.take() {
            Some(engine) => engine,
            None => Tesseract::new(Some(&self.tessdata), Some(&self.languages))
                .map_err(|e| failed(&format!("starting Tesseract for {}", self.languages), e.to_string()))?,
        };
        let width = i32::try_from(image.width()).map_err(|e| failed("image width", e.to_string()))?;
        let height = i32::try_from(image.height()).map_err(|e| failed("image height", e.to_string()))?;
        let mut engine = engine
            .set_frame(image.as_raw(), width, height, 1, width)
            .map_err(|e| failed("passing the page", e.to_string()))?
            .set_source_resolution(i32::try_from(dpi).unwrap_or(300));
        engine.set_page_seg_mode(mode);
        let mut engine = engine.recognize().map_err(|e| failed("recognising the page", e.to_string()))?;
        let tsv = engine.get_tsv_text(0).map_err(|e| failed("reading the words", e.to_string()))?;
        let hocr = engine.get_hocr_text(0).map_err(|e| failed("reading the layout", e.to_string()))?;
        self.engine = Some(engine);
        Ok((tsv, hocr))
    }
}
