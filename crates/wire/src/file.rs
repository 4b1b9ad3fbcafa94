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
    /// The field's name. `name` is read as a synonym, as the SDK's own
    /// `file/update` examples send it.
    #[serde(alias = "name")]
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

/// Query of `file/upload` and `file/upload/sync`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<crate::Id>,
    /// A category name; skips classification.
    pub category: Option<String>,
    /// Appends to this batch; generated when absent (at most 20 characters).
    #[param(max_length = 20)]
    pub batch_number: Option<String>,
    /// `classify` stops after classification; `extract` (default) runs everything.
    pub target_process: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub auto_verify_vat: Option<bool>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub split_flag: Option<bool>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub crop_flag: Option<bool>,
    pub parser_remove_watermark: Option<i64>,
    pub parser_crop_dewarp: Option<i64>,
    pub parser_apply_merge: Option<i64>,
    pub parser_formula_level: Option<i64>,
    pub parser_table_text_split_mode: Option<i64>,
    pub parser_dpi: Option<i64>,
    pub parser_parse_mode: Option<String>,
    pub parser_pdf_pwd: Option<String>,
    /// OCR languages of images and scanned PDF pages: Tesseract codes joined
    /// by `+` (`eng`, `chi_sim+eng`); default `chi_sim+eng`. Kept in
    /// `parser_params` as `ocr_languages`. An extension of DocFlow's parameters.
    pub parser_ocr_languages: Option<String>,
    /// `file/upload/sync` only: accepted, no detail page exists.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_task_detail_url: Option<bool>,
}

/// The `multipart/form-data` parts of `file/upload` and `file/upload/sync`, as
/// the OpenAPI document shows them; other parts are ignored.
#[derive(Debug, Clone, ToSchema)]
pub struct UploadFilesForm {
    /// Required: one or more files, each with a file name; repeat the part.
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1)]
    pub file: Vec<String>,
}

/// JSON body of an upload by URL.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UploadUrlsRequest {
    /// 1 to 10 `http://` or `https://` URLs.
    pub urls: Option<Vec<String>>,
}

/// Result of `file/upload`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UploadResult {
    pub batch_number: String,
    pub files: Vec<UploadedFile>,
}

/// One uploaded file: its file id and extraction task id.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UploadedFile {
    pub id: crate::Id,
    pub task_id: crate::Id,
    pub name: String,
    pub format: String,
}

/// Query of `file/page_image` (an extension).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageImageQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<crate::Id>,
    /// Required: the extraction task whose page to draw.
    #[param(required = true, nullable = false, value_type = String)]
    pub task_id: Option<crate::Id>,
    /// The page, numbered from 0 as `pages[].page` and anchors number them (default 0).
    #[param(minimum = 0)]
    pub page: Option<i64>,
}

/// Query of `file/fetch`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FetchQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<crate::Id>,
    /// From 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// 1 to 1000 (default 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub page_size: Option<i64>,
    pub batch_number: Option<String>,
    #[param(value_type = Option<String>)]
    pub file_id: Option<crate::Id>,
    #[param(value_type = Option<String>)]
    pub task_id: Option<crate::Id>,
    /// A category name.
    pub category: Option<String>,
    pub recognition_status: Option<i64>,
    pub verification_status: Option<i64>,
    /// Update time from (RFC 3339).
    pub start_time: Option<String>,
    /// Update time until (RFC 3339).
    pub end_time: Option<String>,
    /// Include `document` (text lines with positions).
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_document: Option<bool>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_task_detail_url: Option<bool>,
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_image_url: Option<bool>,
}

/// Result of `file/fetch` and `file/upload/sync`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskProcessResult {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub files: Vec<FileResult>,
}

/// One file and its extraction task (reference §4.1).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FileResult {
    pub id: crate::Id,
    pub task_id: crate::Id,
    pub task_type: i64,
    pub batch_number: String,
    pub name: String,
    pub format: String,
    // Its values are described in the OpenAPI document from `docreview_core::states`.
    pub recognition_status: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_causes: Option<String>,
    pub verification_status: i64,
    /// The category name; empty until classified.
    pub category: String,
    pub pages: Vec<PageInfo>,
    /// `null` until extracted, and for classify-only tasks.
    pub data: Option<ExtractionData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<i64>,
    pub total_page_num: i64,
    #[schema(value_type = Object)]
    pub parser_params: serde_json::Value,
}

/// One item of the `file/update` body (a JSON array).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct UpdateFileItem {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<crate::Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub file_id: Option<crate::Id>,
    /// Required: the complete corrected result (`fields`, `items`, `tables`).
    #[schema(required = true, nullable = false)]
    pub data: Option<ExtractionData>,
}

/// Result of `file/update`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpdatedFiles {
    pub files: Vec<UpdatedFile>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpdatedFile {
    pub workspace_id: crate::Id,
    pub id: crate::Id,
}

/// Body of `file/delete`: files matching any condition are deleted.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteFilesRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<crate::Id>,
    pub batch_number: Option<Vec<String>>,
    pub task_id: Option<Vec<crate::Id>>,
    pub file_id: Option<Vec<crate::Id>>,
    /// Creation time from, Unix seconds.
    pub start_time: Option<i64>,
    /// Creation time until, Unix seconds.
    pub end_time: Option<i64>,
}

/// Result of `file/delete`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeletedFiles {
    pub deleted_count: i64,
}

/// Body of `file/retry`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RetryFileRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<crate::Id>,
    /// Required: the extraction task to run again.
    #[schema(required = true, nullable = false)]
    pub task_id: Option<crate::Id>,
    /// Parser parameters for the new run (reference §4.3).
    #[schema(value_type = Option<Object>)]
    pub parser_params: Option<serde_json::Value>,
}

/// Body of `file/amend_category`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AmendCategoryRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<crate::Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub task_id: Option<crate::Id>,
    /// The new category name (regular tasks).
    pub category: Option<String>,
    /// Split parents only; not supported (no task is split).
    #[schema(value_type = Option<Vec<Object>>)]
    pub split_tasks: Option<Vec<serde_json::Value>>,
    /// Crop parents only; not supported (no task is cropped).
    #[schema(value_type = Option<Vec<Object>>)]
    pub crop_tasks: Option<Vec<serde_json::Value>>,
}
