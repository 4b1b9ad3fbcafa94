//! Success responses.

use axum::Json;
use docreview_wire::Envelope;
use docreview_wire::envelope::Ack;

use crate::error::ApiError;

/// What a handler returns: an envelope around `T`, or an error envelope.
pub type ApiResult<T> = Result<Json<Envelope<T>>, ApiError>;

/// A success envelope with a result.
pub fn ok<T>(result: T) -> ApiResult<T> {
    Ok(Json(Envelope::success(Some(result))))
}

/// A success envelope with `result: null`.
pub fn ack() -> ApiResult<Ack> {
    Ok(Json(Envelope::success(None)))
}
