//! `file/*`: putting documents in and reading their extraction results.

mod amend;
mod delete;
mod fetch;
mod multipart;
mod page_image;
mod result;
mod retry;
mod update;
mod upload;
mod urls;

use axum::extract::DefaultBodyLimit;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// This module's routes.
///
/// Uploads carry files of up to `limits.upload_file_bytes` each, so the JSON
/// body limit does not apply to them; the multipart reader enforces the
/// per-file limit and the URL form its own.
pub fn routes() -> OpenApiRouter<AppState> {
    let uploads = OpenApiRouter::new()
        .routes(routes!(upload::upload))
        .routes(routes!(upload::upload_sync))
        .layer(DefaultBodyLimit::disable());
    OpenApiRouter::new()
        .merge(uploads)
        .routes(routes!(fetch::fetch))
        .routes(routes!(page_image::page_image))
        .routes(routes!(update::update))
        .routes(routes!(delete::delete))
        .routes(routes!(retry::retry))
        .routes(routes!(amend::amend_category))
}
