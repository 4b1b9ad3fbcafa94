//! The router: API routes behind authentication, public health and OpenAPI
//! routes, and the layers every request passes (request id, tracing, body
//! limit, panic → envelope, unknown route → envelope).

use std::any::Any;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Request, Uri};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use docreview_wire::ErrorCode;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::error::ApiError;
use crate::state::AppState;
use crate::{auth, openapi};

/// The whole application, ready to serve.
pub fn router(state: AppState) -> Router {
    let (api, document) = openapi::api_routes().split_for_parts();
    let api = api.route_layer(middleware::from_fn_with_state(state.clone(), auth::authenticate));
    let public = openapi::public_routes(document);

    api.merge(public)
        .fallback(no_such_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(state.limits.json_body_bytes))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

async fn no_such_endpoint(uri: Uri) -> ApiError {
    ApiError::new(ErrorCode::NoSuchEndpoint, format!("no endpoint at {}", uri.path()))
}

async fn method_not_allowed(request: Request<axum::body::Body>) -> ApiError {
    ApiError::new(
        ErrorCode::MethodNotAllowed,
        format!("{} is not allowed on {}", request.method(), request.uri().path()),
    )
}

#[allow(clippy::needless_pass_by_value)] // the signature CatchPanicLayer requires
fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "handler panicked");
    ApiError::new(ErrorCode::Internal, "internal server error").into_response()
}
