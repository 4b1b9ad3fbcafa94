//! Uploads by URL (`{"urls": [...]}`): each URL is downloaded now, through the
//! guarded [`Outbound`] client (no internal addresses unless `fetch.allow`
//! lists them), so a URL that is refused or cannot be reached is answered at
//! once with an error that says why, and nothing is stored.

use docreview_engine::Outbound;
use docreview_engine::outbound::FetchError;
use docreview_store::files::NewFile;
use docreview_wire::ErrorCode;
use docreview_wire::file::UploadUrlsRequest;

use super::multipart::format_of;
use crate::error::ApiError;

const MAX_URLS: usize = 10;

/// Downloads every URL; the first that fails fails the request.
pub(crate) async fn download(
    outbound: &Outbound,
    request: UploadUrlsRequest,
    limit: usize,
) -> Result<Vec<NewFile>, ApiError> {
    let urls = request.urls.ok_or_else(|| ApiError::invalid("urls", "is required"))?;
    if urls.is_empty() || urls.len() > MAX_URLS {
        return Err(ApiError::invalid("urls", format!("must list 1 to {MAX_URLS} URLs, got {}", urls.len())));
    }
    let mut files = Vec::with_capacity(urls.len());
    for (index, url) in urls.iter().enumerate() {
        let field = format!("urls[{index}]");
        let fetched = outbound.get(url, limit).await.map_err(|error| refusal(&field, error))?;
        let name = fetched
            .url
            .path_segments()
            .and_then(|mut segments| segments.next_back())
            .filter(|n| !n.is_empty())
            .unwrap_or("download")
            .to_owned();
        files.push(NewFile { format: format_of(&name), name, content: fetched.content, rejection: None });
    }
    Ok(files)
}

fn refusal(field: &str, error: FetchError) -> ApiError {
    match error {
        FetchError::TooLarge(reason) => {
            ApiError::new(ErrorCode::FileTooLarge, format!("{field}: {reason}; limit `limits.upload_file_bytes`"))
        }
        FetchError::Refused(reason) | FetchError::Failed(reason) => ApiError::invalid(
            field,
            format!("{reason}. Upload the file itself as multipart/form-data instead when this server cannot fetch it"),
        ),
    }
}
