//! Categories (document types) with their fields, tables and sample files, and
//! the read side the extraction pipeline uses.

mod definitions;
mod fields;
mod insert;
mod keyword_conflicts;
pub(crate) mod lookup;
mod rows;
mod samples;
mod specs;
mod tables;

pub use rows::{CategoryRow, CategoryTree, FieldRow, SampleContent, SampleRow, TableRow, TableTree};
