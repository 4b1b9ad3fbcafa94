//! What the extraction pipeline needs to know of a category: its fields and
//! tables (with aliases and transforms) and its keyword rules.

use docreview_wire::category::{CategoryKeywordRules, TransformSettings};

/// An enabled category, resolved for classification and extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct CategorySpec {
    pub id: i64,
    pub name: String,
    pub fields: Vec<FieldSpec>,
    pub tables: Vec<TableSpec>,
    pub keyword_rules: CategoryKeywordRules,
}

/// A field to extract: found under its name or one of its aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    pub id: i64,
    pub name: String,
    pub alias: Vec<String>,
    /// Export name, reported as `identifier`.
    pub identity: Option<String>,
    pub transform: Option<TransformSettings>,
}

/// A table to extract, with its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    pub id: i64,
    pub name: String,
    pub fields: Vec<FieldSpec>,
}
