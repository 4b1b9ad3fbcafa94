//! Category management: categories, their fields, tables and sample files
//! (`category/*`), one file per sub-resource.

mod archive;
mod convert;
mod definition;
mod field;
mod flattened;
mod multipart;
mod router;
mod sample;
mod table;

pub use router::routes;
