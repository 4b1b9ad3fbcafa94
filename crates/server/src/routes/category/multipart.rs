//! Reading the `multipart/form-data` uploads of the category endpoints.
//!
//! Files may be large, so axum's whole-body limit is lifted for these routes
//! ([`unlimited`]) and the reader bounds the body itself while it streams in:
//! each file to `upload_limit` (a larger one is `FileTooLarge`, naming it), the
//! number of files per part to what the endpoint accepts, and every text part to
//! the JSON body limit. Text parts that carry JSON (`fields`, `tables`,
//! `category_keyword_rules`) are decoded here, and their errors name the part
//! and the path inside it, e.g. `fields[1].transform_settings: missing field `type``.

use std::collections::HashMap;

use axum::extract::DefaultBodyLimit;
use axum::extract::multipart::{Field, Multipart, MultipartRejection};
use docreview_wire::category::sample::UploadedFile;
use docreview_wire::{ErrorCode, Id};
use serde::de::DeserializeOwned;
use utoipa_axum::router::UtoipaMethodRouter;

use crate::error::ApiError;
use crate::state::AppState;

/// Parts a form may have in all, files included; more is not a DocFlow form.
const PARTS_MAX: usize = 64;

/// Lifts axum's body limit for a multipart route; the reader enforces its own.
pub fn unlimited((schemas, paths, router): UtoipaMethodRouter<AppState>) -> UtoipaMethodRouter<AppState> {
    (schemas, paths, router.layer(DefaultBodyLimit::disable()))
}

/// The parts of a form: text parts by name, file parts by name.
#[derive(Debug, Default)]
pub struct Form {
    texts: HashMap<String, String>,
    files: HashMap<String, Vec<UploadedFile>>,
}

/// How much a form may carry.
#[derive(Debug, Clone, Copy)]
pub struct FormLimits<'a> {
    /// The parts that are files, each with the most files it may repeat.
    pub file_parts: &'a [(&'a str, usize)],
    /// The largest file, in bytes.
    pub file_bytes: usize,
    /// The largest text part, in bytes.
    pub text_bytes: usize,
}

impl Form {
    /// Reads every part of the body.
    pub async fn read(
        multipart: Result<Multipart, MultipartRejection>,
        limits: FormLimits<'_>,
    ) -> Result<Self, ApiError> {
        let mut multipart = multipart.map_err(|rejection| {
            ApiError::invalid("request", format!("expected a multipart/form-data body: {rejection}"))
        })?;
        let mut form = Self::default();
        let mut parts = 0;
        while let Some(mut field) = multipart.next_field().await.map_err(|e| malformed(&e))? {
            parts += 1;
            if parts > PARTS_MAX {
                return Err(ApiError::invalid("request", format!("at most {PARTS_MAX} form parts")));
            }
            let name = field.name().unwrap_or_default().to_owned();
            if name.is_empty() {
                return Err(ApiError::invalid("request", "a form part has no name"));
            }
            if let Some(&(_, max)) = limits.file_parts.iter().find(|(part, _)| *part == name) {
                let files = form.files.entry(name.clone()).or_default();
                if files.len() == max {
                    return Err(ApiError::invalid(&name, format!("at most {max} files per request")));
                }
                let file_name = field.file_name().map(str::to_owned);
                let content = read_bounded(&mut field, limits.file_bytes).await?.ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::FileTooLarge,
                        format!(
                            "{name}: {:?} is larger than the upload limit of {} bytes",
                            file_name.as_deref().unwrap_or_default(),
                            limits.file_bytes
                        ),
                    )
                })?;
                files.push(UploadedFile { file_name, content });
            } else {
                if form.texts.contains_key(&name) {
                    return Err(ApiError::invalid(&name, "the part is sent twice"));
                }
                let bytes = read_bounded(&mut field, limits.text_bytes)
                    .await?
                    .ok_or_else(|| ApiError::invalid(&name, format!("at most {} bytes", limits.text_bytes)))?;
                let text = String::from_utf8(bytes).map_err(|_| ApiError::invalid(&name, "is not UTF-8 text"))?;
                form.texts.insert(name, text);
            }
        }
        Ok(form)
    }

    /// A text part, `None` when absent.
    pub fn text(&mut self, name: &str) -> Option<String> {
        self.texts.remove(name)
    }

    /// The files of a file part, in the order sent.
    pub fn files(&mut self, name: &str) -> Vec<UploadedFile> {
        self.files.remove(name).unwrap_or_default()
    }

    /// An id part (a string of digits); blank counts as absent.
    pub fn id(&mut self, name: &str) -> Result<Option<Id>, ApiError> {
        match self.text(name).filter(|text| !text.trim().is_empty()) {
            None => Ok(None),
            Some(text) => Id::parse(text.trim())
                .map(Some)
                .ok_or_else(|| ApiError::invalid(name, format!("must be a positive integer id, got {text:?}"))),
        }
    }

    /// A boolean part: `true`/`false` (or `1`/`0`); absent is `false`.
    pub fn flag(&mut self, name: &str) -> Result<bool, ApiError> {
        match self.text(name).as_deref().map(str::trim) {
            None | Some("") => Ok(false),
            Some(text) if text.eq_ignore_ascii_case("true") || text == "1" => Ok(true),
            Some(text) if text.eq_ignore_ascii_case("false") || text == "0" => Ok(false),
            Some(text) => Err(ApiError::invalid(name, format!("must be true or false, got {text:?}"))),
        }
    }

    /// A part holding JSON text; blank counts as absent.
    pub fn json<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, ApiError> {
        let Some(text) = self.text(name).filter(|text| !text.trim().is_empty()) else {
            return Ok(None);
        };
        let document: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| ApiError::invalid(name, format!("is not valid JSON: {e}")))?;
        serde_path_to_error::deserialize(document).map(Some).map_err(|error| {
            let path = error.path().to_string();
            let field = match path.as_str() {
                "." => name.to_owned(),
                inner if inner.starts_with('[') => format!("{name}{inner}"),
                inner => format!("{name}.{inner}"),
            };
            ApiError::invalid(&field, error.into_inner())
        })
    }
}

/// The part's bytes, or `None` once they exceed `limit` (the rest is not read).
async fn read_bounded(field: &mut Field<'_>, limit: usize) -> Result<Option<Vec<u8>>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| malformed(&e))? {
        if bytes.len() + chunk.len() > limit {
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(bytes))
}

fn malformed(error: &axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::invalid("request", format!("malformed multipart body: {}", error.body_text()))
}
