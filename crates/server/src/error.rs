//! The one API error type and its conversion into an envelope response.
//!
//! Client faults carry a precise message; server faults an opaque one, with the
//! cause chain in the log.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use docreview_core::ValidationError;
use docreview_store::{ObjectKind, StoreError};
use docreview_wire::{Envelope, ErrorCode};

/// An error answered as `{code, msg, result: null}` with the code's HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub msg: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, msg: impl Into<String>) -> Self {
        Self { code, msg: msg.into() }
    }

    /// A bad request field: `field: reason`.
    pub fn invalid(field: &str, reason: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::InvalidParameter, format!("{field}: {reason}"))
    }

    /// An unexpected fault: logged with its cause, answered opaquely.
    pub fn internal(cause: &(dyn std::error::Error + 'static)) -> Self {
        tracing::error!(error = %docreview_core::error_chain::error_chain(cause), "internal error");
        Self::new(ErrorCode::Internal, "internal server error")
    }
}

impl From<ValidationError> for ApiError {
    fn from(error: ValidationError) -> Self {
        Self::new(ErrorCode::InvalidParameter, error.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { kind, message } => Self::new(not_found_code(kind), message),
            StoreError::Conflict(message) => Self::new(ErrorCode::Conflict, message),
            StoreError::RateLimited(message) => Self::new(ErrorCode::RateLimited, message),
            other => Self::internal(&other),
        }
    }
}

fn not_found_code(kind: ObjectKind) -> ErrorCode {
    match kind {
        ObjectKind::Workspace => ErrorCode::WorkspaceNotFound,
        ObjectKind::RuleRepo => ErrorCode::RuleRepoNotFound,
        ObjectKind::RuleGroup => ErrorCode::RuleGroupNotFound,
        ObjectKind::Rule => ErrorCode::RuleNotFound,
        ObjectKind::Category => ErrorCode::CategoryNotFound,
        ObjectKind::CategoryField => ErrorCode::CategoryFieldNotFound,
        ObjectKind::CategoryTable => ErrorCode::CategoryTableNotFound,
        ObjectKind::CategorySample => ErrorCode::CategorySampleNotFound,
        ObjectKind::File => ErrorCode::FileNotFound,
        ObjectKind::ReviewTask => ErrorCode::ReviewTaskNotFound,
        ObjectKind::RuleTask => ErrorCode::RuleNotInTask,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = Envelope::<()> { code: self.code.value(), msg: self.msg, result: None };
        (status, Json(body)).into_response()
    }
}
