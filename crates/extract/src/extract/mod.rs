//! Finding a category's fields and tables in a document's text, the rule
//! based extraction step of the pipeline: labels and aliases, header rows,
//! and each field's transform settings.
//!
//! Tables are read first, and the lines they take are not searched for field
//! labels, so a column header such as `Amount` never passes for a field.
//! Every configured field is listed, found or not (as DocFlow does): a field
//! not found has an empty value and no position.

mod assemble;
mod cells;
mod fields;
mod labels;
mod tables;

pub use assemble::{Extraction, FieldWarning, extract, extract_with_warnings};
