//! Categories, fields, tables and samples over HTTP.

mod definitions;
mod fields;
mod form;
mod samples;
mod tables;
