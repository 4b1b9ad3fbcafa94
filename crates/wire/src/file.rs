//! The extraction result shapes of `file/fetch` (reference §4.1–4.2): a file's
//! extracted fields and tables with positions, its pages and, on request, its
//! document text lines. Spelling quirks of the reference are kept
//! (`tableName`, `tableType`, `extractModel`, `charPositions`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a value sits: a page index into `pages` and an 8-int quad
/// (clockwise from top-left, page pixels, origin top-left).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Position {
    pub page: i64,
    pub vertices: Vec<i64>,
}

/// An extracted field or table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct KeyValue {
    pub key: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub position: Vec<Position>,
    /// Export name of the field, when configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(default, rename = "extractModel", skip_serializing_if = "Option::is_none")]
    pub extract_model: Option<String>,
    #[serde(default, rename = "configModel", skip_serializing_if = "Option::is_none")]
    pub config_model: Option<String>,
}

/// A table of extracted rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExtractedTable {
    #[serde(rename = "tableName")]
    pub table_name: String,
    /// "0" configured in the category, "1" added by hand.
    #[serde(rename = "tableType", default = "system_table")]
    pub table_type: String,
    #[serde(default)]
    pub items: Vec<Vec<KeyValue>>,
}

fn system_table() -> String {
    "0".to_owned()
}

/// The `data` of a file result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExtractionData {
    #[serde(default)]
    pub fields: Vec<KeyValue>,
    /// Rows of the default table (the reference's legacy shape).
    #[serde(default)]
    pub items: Vec<Vec<KeyValue>>,
    #[serde(default)]
    pub tables: Vec<ExtractedTable>,
    /// Stamps, handwriting and other parts kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub stamps: Option<Vec<serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub handwritings: Option<Vec<serde_json::Value>>,
}

/// A page of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PageInfo {
    pub page: i64,
    #[serde(default)]
    pub angle: i64,
    pub width: i64,
    pub height: i64,
    #[serde(default)]
    pub dpi: i64,
}

/// The text of a file, line by line with positions (`with_document=true`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Document {
    pub pages: Vec<DocumentPage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DocumentPage {
    #[serde(default)]
    pub angle: i64,
    pub width: i64,
    pub height: i64,
    pub lines: Vec<TextLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TextLine {
    pub text: String,
    /// 8-int quad of the whole line.
    pub position: Vec<i64>,
    /// One 8-int quad per character, when known.
    #[serde(default, rename = "charPositions", skip_serializing_if = "Vec::is_empty")]
    pub char_positions: Vec<Vec<i64>>,
}
