//! Sample endpoints (`category/sample/*`): the files that teach classification
//! what a document of the category looks like.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Id;

/// One file part of a multipart upload, as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadedFile {
    /// The file name the client gave, if any.
    pub file_name: Option<String>,
    pub content: Vec<u8>,
}

/// A stored sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CategorySample {
    pub sample_id: Id,
    pub file_name: String,
}

/// The parts of `category/sample/batch_upload`, as the OpenAPI document shows them.
#[derive(Debug, Clone, ToSchema)]
pub struct UploadSamplesForm {
    /// Required.
    pub workspace_id: String,
    /// Required.
    pub category_id: String,
    /// Required, 1 to 20 files (at most 20 per category); repeat the part.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub files: Vec<String>,
    /// `true` returns every sample of the category.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
}

/// The parts of the deprecated `category/sample/upload`.
#[derive(Debug, Clone, ToSchema)]
pub struct UploadSampleForm {
    /// Required.
    pub workspace_id: String,
    /// Required.
    pub category_id: String,
    /// Required: one file.
    #[schema(value_type = String, format = Binary)]
    pub file: String,
    /// `true` returns every sample of the category.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_detail: Option<bool>,
}

/// The parts of a sample upload, read from the form.
#[derive(Debug, Clone, Default)]
pub struct UploadSamplesRequest {
    pub workspace_id: Option<Id>,
    pub category_id: Option<Id>,
    pub files: Vec<UploadedFile>,
}

/// Result of `category/sample/batch_upload`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SamplesUploaded {
    /// The new samples, in upload order.
    pub sample_ids: Vec<Id>,
    /// Every sample of the category, with `with_detail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<Vec<CategorySample>>,
}

/// Result of the deprecated `category/sample/upload`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SampleUploaded {
    pub sample_id: Id,
    /// Every sample of the category, with `with_detail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<Vec<CategorySample>>,
}

/// Query of `category/sample/list`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListSamplesQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub category_id: Option<Id>,
    /// Page number from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<i64>,
}

/// Result of `category/sample/list`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SampleList {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub samples: Vec<CategorySample>,
}

/// Body of `category/sample/batch_download`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BatchDownloadSamplesRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// The samples to pack; absent packs them all.
    pub sample_ids: Option<Vec<Id>>,
}

/// Query of the deprecated `category/sample/download`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DownloadSampleQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub category_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub sample_id: Option<Id>,
}

/// Body of `category/sample/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteSamplesRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub category_id: Option<Id>,
    /// Required, at least one; the category must keep at least one sample.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub sample_ids: Option<Vec<Id>>,
}
