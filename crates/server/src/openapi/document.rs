//! The document's frame (title, security, tags), the routes that contribute
//! their operations to it, and `GET /openapi.json` serving it completed.

use std::sync::Arc;

use axum::{Extension, Router};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error_responses::ErrorResponses;
use super::operation_ids::OperationIds;
use super::security::SecuritySchemes;
use super::status_values::StatusValues;
use crate::routes::{callback, category, file, health, review, rule, rule_group, rule_repo, workspace};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "docreview",
        description = "A self-hostable document review service speaking the DocFlow v2 REST API. \
            Every response is the envelope {code, msg, result}; code 200 is success, other codes \
            are listed in docs/errors.md. Ids are strings of digits (integers are accepted on input)."
    ),
    modifiers(&SecuritySchemes),
    security(("app_id" = [], "secret_code" = []), ("app_id" = [], "timestamp" = [], "signature" = [])),
    tags(
        (name = "workspace", description = "Workspaces: the unit of isolation."),
        (name = "review rules", description = "Rule repositories, groups and rules."),
        (name = "categories", description = "Categories (document types): fields, tables and sample files."),
        (name = "review tasks", description = "Review tasks: runs of a rule repository over extraction tasks, their verdicts, retries."),
        (name = "files", description = "Uploads and their extraction tasks: the inputs of review."),
        (name = "service", description = "Health and this document; no credentials needed."),
    )
)]
struct ApiDoc;

/// The authenticated DocFlow routes, with their part of the document; each
/// resource module contributes its own.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(workspace::routes())
        .merge(callback::routes())
        .merge(rule_repo::routes())
        .merge(rule_group::routes())
        .merge(rule::routes())
        .merge(category::routes())
        .merge(file::routes())
        .merge(review::routes())
}

/// The public routes (health, this document); `document` is completed with
/// their paths and what every operation shares, and served as JSON.
pub fn public_routes(mut document: utoipa::openapi::OpenApi) -> Router<AppState> {
    let (router, public) = OpenApiRouter::new()
        .routes(routes!(health::livez))
        .routes(routes!(health::healthz))
        .routes(routes!(openapi_json))
        .split_for_parts();
    document.merge(public);
    // After the merge: these walk every operation, public ones included.
    ErrorResponses.modify(&mut document);
    OperationIds.modify(&mut document);
    StatusValues.modify(&mut document);
    let json = document.to_pretty_json().unwrap_or_else(|_| "{}".to_owned());
    router.layer(Extension(Arc::new(json)))
}

/// This OpenAPI document.
#[utoipa::path(get, path = "/openapi.json", tag = "service", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
async fn openapi_json(Extension(json): Extension<Arc<String>>) -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], (*json).clone())
}
