//! Request extractors that answer bad input with the envelope.
//!
//! axum's own `Json` and `Query` reject with plain-text bodies; these keep every
//! failure in the DocFlow envelope and name the offending field
//! (via `serde_path_to_error`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use docreview_core::Caller;
use docreview_wire::ErrorCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body. Malformed JSON → 40001; a field of the wrong type → 400 naming it.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared = require_json(req.headers());
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| body_error(&rejection))?;
        // An empty body is "malformed JSON" whatever its type claims.
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            declared?;
        }
        parse_json(&bytes).map(ApiJson)
    }
}

/// JSON endpoints read only bodies declared as JSON (`application/json`, or a
/// `+json` type), as DocFlow's clients and examples send them; a form or text
/// body is refused rather than guessed at.
pub fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let declared = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = declared.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json")) {
        return Ok(());
    }
    let got = if declared.is_empty() { "none".to_owned() } else { format!("{declared:?}") };
    Err(ApiError::new(
        ErrorCode::UnsupportedMediaType,
        format!("Content-Type must be application/json for this endpoint, got {got}"),
    ))
}

/// Reads a JSON document, naming the field at fault.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(ErrorCode::MalformedJson, "request body is empty: expected a JSON object"));
    }
    // Syntax first, so a malformed document is always 40001 even when its
    // prefix already has a wrong type; then the shape, naming the field.
    let document: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::new(ErrorCode::MalformedJson, format!("request body is not valid JSON: {e}")))?;
    let value = serde_path_to_error::deserialize(document).map_err(|error| {
        let path = error.path().to_string();
        ApiError::invalid(field_name(&path), error.into_inner())
    })?;
    Ok(value)
}

fn body_error(rejection: &BytesRejection) -> ApiError {
    if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(ErrorCode::BodyTooLarge, "request body is larger than the configured limit")
    } else {
        ApiError::new(ErrorCode::MalformedJson, format!("request body could not be read: {rejection}"))
    }
}

/// Query parameters, with a wrong or unreadable value reported as 400 naming it.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer).map(ApiQuery).map_err(|error| {
            let path = error.path().to_string();
            ApiError::invalid(field_name(&path), error.into_inner())
        })
    }
}

fn field_name(path: &str) -> &str {
    if path == "." { "request" } else { path }
}

/// The authenticated caller, put in place by [`crate::auth::authenticate`].
#[derive(Debug, Clone)]
pub struct Auth(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .map(Auth)
            .ok_or_else(|| ApiError::new(ErrorCode::MissingCredentials, "authentication is required"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        name: Option<String>,
        scope: Option<i64>,
    }

    #[test]
    fn malformed_json_is_its_own_code() {
        for bad in ["{", "{\"name\": }", "[1,", "", "  ", "{} trailing"] {
            let error = parse_json::<Body>(bad.as_bytes()).unwrap_err();
            assert_eq!(error.code, ErrorCode::MalformedJson, "{bad:?}: {}", error.msg);
        }
    }

    #[test]
    fn a_wrong_type_names_the_field() {
        let error = parse_json::<Body>(br#"{"name": "x", "scope": "one"}"#).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidParameter);
        assert!(error.msg.starts_with("scope: invalid type"), "{}", error.msg);
        let error = parse_json::<Body>(b"[]").unwrap_err();
        assert!(error.msg.starts_with("request: "), "{}", error.msg);
    }
}
