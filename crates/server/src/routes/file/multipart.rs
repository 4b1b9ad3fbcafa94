//! Reading the file parts of a multipart upload, enforcing the per-file limit
//! without refusing the other files of the same request.

use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use docreview_store::files::NewFile;
use docreview_wire::ErrorCode;

use crate::error::ApiError;

/// How much one multipart upload may carry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UploadLimits {
    /// Largest file (`limits.upload_file_bytes`).
    pub file_bytes: usize,
    /// Most parts of any name (`limits.upload_parts`).
    pub parts: usize,
    /// All parts together (`limits.upload_request_bytes`).
    pub request_bytes: usize,
}

/// Every part named `field` (repeated for several files) as a file to store.
/// A file over the file limit is kept as a refused file with a precise cause;
/// more parts or more bytes than the request limits refuse the whole request.
pub(crate) async fn read_files(
    mut multipart: Multipart,
    field: &str,
    limits: UploadLimits,
) -> Result<Vec<NewFile>, ApiError> {
    let mut files = Vec::new();
    let mut parts = 0usize;
    let mut request_bytes = 0usize;
    while let Some(mut part) = multipart.next_field().await.map_err(|e| read_error(&e))? {
        parts += 1;
        if parts > limits.parts {
            return Err(ApiError::new(
                ErrorCode::BodyTooLarge,
                format!("the upload has more than {} parts; limit `limits.upload_parts`", limits.parts),
            ));
        }
        let is_file = part.name() == Some(field);
        let index = files.len();
        let name = if is_file {
            part.file_name()
                .map(str::to_owned)
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| ApiError::invalid(&format!("{field}[{index}]"), "a file part needs a filename"))?
        } else {
            String::new()
        };
        let mut content = Vec::new();
        let mut size = 0usize;
        while let Some(chunk) = part.chunk().await.map_err(|e| read_error(&e))? {
            size += chunk.len();
            request_bytes += chunk.len();
            if request_bytes > limits.request_bytes {
                return Err(ApiError::new(
                    ErrorCode::BodyTooLarge,
                    format!(
                        "the upload is larger than {} bytes; limit `limits.upload_request_bytes`",
                        limits.request_bytes
                    ),
                ));
            }
            if is_file && size <= limits.file_bytes {
                content.extend_from_slice(&chunk);
            }
        }
        if !is_file {
            continue;
        }
        let rejection = (size > limits.file_bytes).then(|| {
            content = Vec::new();
            format!(
                "file is {size} bytes, more than the upload limit of {} bytes (`limits.upload_file_bytes`)",
                limits.file_bytes
            )
        });
        files.push(NewFile { format: format_of(&name), name, content, rejection });
    }
    if files.is_empty() {
        return Err(ApiError::invalid(field, "at least one file part is required"));
    }
    Ok(files)
}

/// The lower-case extension of a file name, or "" when it has none.
pub(crate) fn format_of(name: &str) -> String {
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).filter(|e| e.len() <= 10).unwrap_or_default()
}

fn read_error(error: &MultipartError) -> ApiError {
    if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(ErrorCode::BodyTooLarge, "the upload is larger than the request limit")
    } else {
        ApiError::invalid("request body", format!("malformed multipart/form-data: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::format_of;

    #[test]
    fn formats_are_lower_case_extensions() {
        assert_eq!(format_of("Invoice.PDF"), "pdf");
        assert_eq!(format_of("notes"), "");
        assert_eq!(format_of("archive.tar.gz"), "gz");
    }
}
