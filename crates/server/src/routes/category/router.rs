//! Every category route, with its part of the OpenAPI document.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::multipart::unlimited;
use super::{definition, field, sample, table};
use crate::state::AppState;

/// The category, field, table and sample routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(unlimited(routes!(definition::create)))
        .routes(routes!(definition::list))
        .routes(routes!(definition::update))
        .routes(routes!(definition::delete))
        .routes(routes!(field::list))
        .routes(routes!(field::batch_add))
        .routes(routes!(field::batch_update))
        .routes(routes!(field::delete))
        .routes(routes!(field::add))
        .routes(routes!(field::update))
        .routes(routes!(field::config))
        .routes(routes!(table::list))
        .routes(routes!(table::batch_add))
        .routes(routes!(table::batch_update))
        .routes(routes!(table::delete))
        .routes(routes!(table::add))
        .routes(routes!(table::update))
        .routes(unlimited(routes!(sample::batch_upload)))
        .routes(unlimited(routes!(sample::upload)))
        .routes(routes!(sample::list))
        .routes(routes!(sample::batch_download))
        .routes(routes!(sample::download))
        .routes(routes!(sample::delete))
}
