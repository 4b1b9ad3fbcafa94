//! Uploads by URL (`{"urls": [...]}`): each URL is downloaded now, so a URL this
//! machine cannot reach is answered at once with an error that says so, and
//! nothing is stored.

use std::time::Duration;

use docreview_store::files::NewFile;
use docreview_wire::file::UploadUrlsRequest;

use super::multipart::format_of;
use crate::error::ApiError;

const MAX_URLS: usize = 10;
const TIMEOUT: Duration = Duration::from_secs(30);

/// Downloads every URL; the first that fails fails the request.
pub(crate) async fn download(request: UploadUrlsRequest, limit: usize) -> Result<Vec<NewFile>, ApiError> {
    let urls = request.urls.ok_or_else(|| ApiError::invalid("urls", "is required"))?;
    if urls.is_empty() || urls.len() > MAX_URLS {
        return Err(ApiError::invalid("urls", format!("must list 1 to {MAX_URLS} URLs, got {}", urls.len())));
    }
    docreview_engine::tls::install_crypto_provider();
    let client = reqwest::Client::builder().timeout(TIMEOUT).build().map_err(|e| ApiError::internal(&e))?;
    let mut files = Vec::with_capacity(urls.len());
    for (index, url) in urls.iter().enumerate() {
        let field = format!("urls[{index}]");
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ApiError::invalid(&field, format!("must start with http:// or https://, got {url:?}")));
        }
        files.push(fetch(&client, url, &field, limit).await?);
    }
    Ok(files)
}

async fn fetch(client: &reqwest::Client, url: &str, field: &str, limit: usize) -> Result<NewFile, ApiError> {
    let unreachable = |reason: String| {
        ApiError::invalid(
            field,
            format!(
                "could not download {url}: {reason}. This server downloads only from addresses it can reach \
                 (it may run offline); upload the file itself as multipart/form-data instead"
            ),
        )
    };
    let mut response = client.get(url).send().await.map_err(|e| unreachable(e.to_string()))?;
    if !response.status().is_success() {
        return Err(unreachable(format!("HTTP {}", response.status())));
    }
    let mut content = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| unreachable(e.to_string()))? {
        if content.len() + chunk.len() > limit {
            return Err(ApiError::new(
                docreview_wire::ErrorCode::FileTooLarge,
                format!("{field}: {url} is larger than the upload limit of {limit} bytes"),
            ));
        }
        content.extend_from_slice(&chunk);
    }
    let name = url
        .split(['?', '#'])
        .next()
        .and_then(|path| path.rsplit('/').next())
        .filter(|n| !n.is_empty())
        .unwrap_or("download")
        .to_owned();
    Ok(NewFile { format: format_of(&name), name, content, rejection: None })
}
