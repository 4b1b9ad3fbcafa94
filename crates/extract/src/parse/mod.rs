//! Turning an uploaded file into text lines with positions, or into an
//! extraction result that was made elsewhere.

mod docflow_json;
mod draw;
mod file;
mod glyphs;
mod lines;
mod ocr;
pub mod office;
mod options;
mod pdf;
mod raster;
mod render;
mod sniff;
mod text;

pub use draw::{draw_page, draws_pages};
pub use file::{ImportedResult, MAX_PAGES, Parsed, parse_file, parse_file_with};
pub use options::{DEFAULT_IMAGE_PIXELS, DEFAULT_OCR_LANGUAGES, ParseOptions, find_tessdata, installed_languages};
