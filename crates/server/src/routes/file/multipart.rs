//! Reading the file parts of a multipart upload, enforcing the per-file limit
//! without refusing the other files of the same request.

use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use docreview_store::files::NewFile;
use docreview_wire::ErrorCode;

use crate::error::ApiError;

/// Every part named `field` (repeated for several files) as a file to store.
/// A file over `limit` bytes is kept as a refused file with a precise cause.
pub(crate) async fn read_files(mut multipart: Multipart, field: &str, limit: usize) -> Result<Vec<NewFile>, ApiError> {
    let mut files = Vec::new();
    while let Some(mut part) = multipart.next_field().await.map_err(|e| read_error(&e))? {
        if part.name() != Some(field) {
            continue;
        }
        let index = files.len();
        let name = part
            .file_name()
            .map(str::to_owned)
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| ApiError::invalid(&format!("{field}[{index}]"), "a file part needs a filename"))?;
        let mut content = Vec::new();
        let mut size = 0usize;
        while let Some(chunk) = part.chunk().await.map_err(|e| read_error(&e))? {
            size += chunk.len();
            if size <= limit {
                content.extend_from_slice(&chunk);
            }
        }
        let rejection = (size > limit).then(|| {
            content = Vec::new();
            format!("file is {size} bytes, more than the upload limit of {limit} bytes")
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
