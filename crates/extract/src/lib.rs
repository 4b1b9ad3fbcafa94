//! The extraction library of docreview: the pure part of the document
//! pipeline (DESIGN §5). It turns an uploaded file into text lines with
//! positions, picks the file's category by keyword rules, finds the category's
//! fields and tables in the text and post-processes the values.
//!
//! Everything here works on bytes and values it is given: no I/O, no async, no
//! global state. Damaged input comes back as a [`ParseError`], including the
//! panics of the PDF parser, which are caught. What cannot be caught (memory,
//! CPU time, stack depth) is bounded by running [`parse_file`] in a child
//! process under limits: the server calls it only through
//! `docreview_engine::sandbox`.
//!
//! Every extracted value keeps its page and an 8-int quad (clockwise from
//! top-left, page pixels), so review evidence can point at it.
//!
//! # Layout
//! - [`parse`](mod@parse): [`parse_file`] — PDF with a text layer (via pdf-extract, glyphs
//!   regrouped into lines by baseline), plain text and Markdown on a monospace
//!   grid, Word, Excel, OpenDocument spreadsheets and CSV on the same grid
//!   (cells on columns, `parse::office`), and imported DocFlow extraction results.
//! - [`classify`](mod@classify): [`classify()`] — keyword rules with negative groups and `min_hit`.
//! - [`extract`](mod@extract): [`extract()`] — fields by label and alias, tables by header row.
//! - [`transform`](mod@transform): [`transform()`] — `datetime` (dates read by `docreview_text::read`
//!   with the workspace's date order), `enumerate` and `regex` settings.
//! - `error`: [`ParseError`], whose messages become a task's `failure_causes`.
//! - `geometry`, `normalize`: quads, and the compact folded form (by
//!   `docreview_text::fold`) keywords and labels are compared in.

pub mod classify;
mod error;
pub mod extract;
mod geometry;
mod normalize;
pub mod parse;
pub mod transform;

pub use classify::classify;
pub use error::ParseError;
pub use extract::{Extraction, FieldWarning, extract, extract_with_warnings};
pub use parse::{ImportedResult, MAX_PAGES, ParseOptions, Parsed, draw_page, draws_pages, parse_file, parse_file_with};
pub use transform::{Transformed, transform};
