//! Turning an uploaded file into text lines with positions, or into an
//! extraction result that was made elsewhere.

mod docflow_json;
mod file;
mod glyphs;
mod lines;
pub mod office;
mod pdf;
mod sniff;
mod text;

pub use file::{ImportedResult, MAX_PAGES, Parsed, parse_file};
