//! Authentication of every API request, both DocFlow schemes:
//!
//! 1. `x-ti-app-id` + `x-ti-secret-code`;
//! 2. `x-ti-app-id` + `x-ti-timestamp` + `x-ti-signature`, an HMAC over the
//!    method, path, sorted query and body hash (see [`docreview_core::signature`]).
//!
//! Missing credentials answer 40101, wrong ones 40102 (both HTTP 401). An
//! `x-ti-enterprise-id` header, when sent, must name the app's enterprise.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use docreview_core::signature;
use docreview_store::apps::AppAuth;
use docreview_wire::ErrorCode;
use http_body_util::BodyExt;

use crate::error::ApiError;
use crate::settings::Limits;
use crate::state::AppState;

const APP_ID: &str = "x-ti-app-id";
const SECRET_CODE: &str = "x-ti-secret-code";
const TIMESTAMP: &str = "x-ti-timestamp";
const SIGNATURE: &str = "x-ti-signature";
const ENTERPRISE_ID: &str = "x-ti-enterprise-id";

/// Middleware: proves the caller's identity and stores the [`docreview_core::Caller`]
/// in the request extensions, or answers 401.
pub async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Result<Response, ApiError> {
    let headers = request.headers();
    let app_id = header(headers, APP_ID).ok_or_else(missing)?.to_owned();
    let secret = header(headers, SECRET_CODE).map(str::to_owned);
    let signed = header(headers, SIGNATURE).is_some();
    if secret.is_none() && !signed {
        return Err(missing());
    }
    let enterprise = header(headers, ENTERPRISE_ID).map(str::to_owned);

    let app = state.store.find_app(&app_id).await?.ok_or_else(invalid_app)?;
    let mut request = match secret {
        Some(secret) if app.secret_hash.matches(&secret) => request,
        Some(_) => return Err(invalid_app()),
        None => verify_signature(&app, request, &state.limits).await?,
    };
    if let Some(enterprise) = enterprise {
        check_enterprise(&app, &enterprise)?;
    }
    request.extensions_mut().insert(app.caller);
    Ok(next.run(request).await)
}

/// Checks the signature over the body, hashing it as it arrives, then hands
/// the body on. Uploads (multipart bodies) may be as large as
/// `limits.upload_request_bytes`; every other body is JSON, up to
/// `limits.json_body_bytes`.
async fn verify_signature(app: &AppAuth, request: Request, limits: &Limits) -> Result<Request, ApiError> {
    let timestamp = header(request.headers(), TIMESTAMP)
        .ok_or_else(|| {
            ApiError::new(ErrorCode::MissingCredentials, format!("{TIMESTAMP} is required with {SIGNATURE}"))
        })?
        .to_owned();
    let provided = header(request.headers(), SIGNATURE).unwrap_or_default().to_owned();
    if !signature::timestamp_is_fresh(&timestamp, now_secs()) {
        return Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            format!("{TIMESTAMP} must be Unix seconds within {} s of the server clock", signature::MAX_CLOCK_SKEW_SECS),
        ));
    }
    let is_upload = header(request.headers(), "content-type").is_some_and(|t| t.starts_with("multipart/form-data"));
    let (limit, setting) = if is_upload {
        (limits.upload_request_bytes, "limits.upload_request_bytes")
    } else {
        (limits.json_body_bytes, "limits.json_body_bytes")
    };
    let (parts, mut body) = request.into_parts();
    let mut hash = signature::BodyHash::default();
    let mut buffered = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::invalid("request body", format!("could not be read: {e}")))?;
        let Ok(chunk) = frame.into_data() else { continue };
        if buffered.len() + chunk.len() > limit {
            return Err(ApiError::new(
                ErrorCode::BodyTooLarge,
                format!("the request body is larger than {limit} bytes; limit `{setting}`"),
            ));
        }
        hash.update(&chunk);
        buffered.extend_from_slice(&chunk);
    }
    let text = hash.string_to_sign(parts.method.as_str(), parts.uri.path(), parts.uri.query().unwrap_or_default());
    if !signature::verify(&app.secret_hash, &timestamp, &text, &provided) {
        return Err(ApiError::new(ErrorCode::InvalidCredentials, format!("{SIGNATURE} does not match the request")));
    }
    Ok(Request::from_parts(parts, Body::from(buffered)))
}

fn check_enterprise(app: &AppAuth, enterprise: &str) -> Result<(), ApiError> {
    if enterprise.trim().parse::<i64>().ok() == Some(app.caller.enterprise_id) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            format!("app {} does not belong to enterprise {enterprise}", app.caller.app_id),
        ))
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

fn missing() -> ApiError {
    ApiError::new(
        ErrorCode::MissingCredentials,
        format!("credentials are missing: send {APP_ID} with {SECRET_CODE}, or with {TIMESTAMP} and {SIGNATURE}"),
    )
}

fn invalid_app() -> ApiError {
    ApiError::new(ErrorCode::InvalidCredentials, format!("invalid {APP_ID} or {SECRET_CODE}"))
}

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}
