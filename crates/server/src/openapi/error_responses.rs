//! The error envelopes of every operation, declared from the one table of
//! error codes ([`ErrorCode::ALL`] with each code's HTTP status), so that the
//! document lists exactly the codes each response can carry and follows the
//! table when a code is added.
//!
//! - HTTP 200: as in DocFlow, business errors (a bad field, an object that
//!   does not exist, a conflict) answer HTTP 200 with a non-200 `code` and
//!   `result: null`. The 200 response of every operation behind credentials is
//!   therefore the success envelope *or* the business error envelope.
//! - Every other status of the table (401, 404, 405, 413, 429, 500, …) is a
//!   response of its own, in `components/responses`, declared on each
//!   operation it can reach: 401 only where credentials are required, 413 only
//!   where a request body is read, 415 only where that body is JSON.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use docreview_wire::ErrorCode;
use utoipa::Modify;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response, ResponseBuilder};

use super::operations::{is_public, operations_mut};

const JSON: &str = "application/json";
const BUSINESS_ERROR: &str = "BusinessErrorEnvelope";

/// Adds the error envelope schemas and responses, and declares them on every
/// operation.
#[derive(Debug)]
pub struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        let statuses = codes_by_status();
        let components = openapi.components.get_or_insert_with(Default::default);
        for (&status, codes) in &statuses {
            components.schemas.insert(schema_name(status), envelope_schema(status, codes).into());
            if status != 200 {
                components.responses.insert(response_name(status), error_response(status, codes).into());
            }
        }
        for (_, _, operation) in operations_mut(openapi) {
            let public = is_public(operation);
            if !public {
                add_business_errors(operation);
            }
            describe_success(operation, public);
            for &status in statuses.keys().filter(|status| **status != 200) {
                if reaches(status, operation, public) {
                    let reference = RefOr::Ref(Ref::from_response_name(response_name(status)));
                    operation.responses.responses.entry(status.to_string()).or_insert(reference);
                }
            }
        }
    }
}

/// The error codes grouped by the HTTP status they answer with.
fn codes_by_status() -> BTreeMap<u16, Vec<i64>> {
    let mut statuses: BTreeMap<u16, Vec<i64>> = BTreeMap::new();
    for code in ErrorCode::ALL {
        statuses.entry(code.http_status()).or_default().push(code.value());
    }
    statuses
}

/// Whether an operation can answer with `status`.
fn reaches(status: u16, operation: &Operation, public: bool) -> bool {
    match status {
        401 => !public,
        413 => operation.request_body.is_some(),
        415 => has_json_body(operation),
        _ => true,
    }
}

fn has_json_body(operation: &Operation) -> bool {
    match &operation.request_body {
        Some(RefOr::T(body)) => body.content.contains_key(JSON),
        Some(RefOr::Ref(_)) => true,
        None => false,
    }
}

/// The 200 response of an operation behind credentials: its success envelope
/// or a business error envelope (or, for a file download, the file or a
/// business error envelope).
fn add_business_errors(operation: &mut Operation) {
    let Some(RefOr::T(response)) = operation.responses.responses.get_mut("200") else {
        return;
    };
    let business_error = RefOr::Ref(Ref::from_schema_name(BUSINESS_ERROR));
    match response.content.get_mut(JSON) {
        Some(RefOr::T(content)) => {
            content.schema = Some(match content.schema.take() {
                Some(success) => Schema::OneOf(OneOfBuilder::new().item(success).item(business_error).build()).into(),
                None => business_error,
            });
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            response.content.insert(JSON.to_owned(), RefOr::T(Content::new(Some(business_error))));
        }
    }
}

/// A 200 response without a description gets one: the description is
/// required by OpenAPI, and this one says how to tell success from error.
fn describe_success(operation: &mut Operation, public: bool) {
    let Some(RefOr::T(response)) = operation.responses.responses.get_mut("200") else {
        return;
    };
    if response.description.is_empty() {
        response.description = if public {
            "Success.".to_owned()
        } else {
            "Success (`code` 200, the result in `result`), or a business error: HTTP 200 as in DocFlow, \
             with a non-200 `code`, a `msg` naming the field or object at fault and `result: null`."
                .to_owned()
        };
    }
}

/// `{code, msg, result: null}` with `code` one of `codes`.
fn envelope_schema(status: u16, codes: &[i64]) -> Schema {
    let code = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .enum_values(Some(codes.iter().copied()))
        .description(Some("A stable error code; docs/errors.md lists them all."));
    let msg = ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some("What went wrong, naming the field or object at fault."));
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(format!("The error envelope of HTTP {status}: {}.", meaning(status))))
        .property("code", code)
        .property("msg", msg)
        .property("result", ObjectBuilder::new().schema_type(Type::Null))
        .required("code")
        .required("msg")
        .required("result")
        .into()
}

fn error_response(status: u16, codes: &[i64]) -> Response {
    let codes = codes.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let response = ResponseBuilder::new()
        .description(format!("{} (`code` {codes}).", capitalised(meaning(status))))
        .content(JSON, Content::new(Some(Ref::from_schema_name(schema_name(status)))));
    let response = if status == 405 {
        let allow = HeaderBuilder::new()
            .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
            .description(Some("The methods this path serves."));
        response.header("allow", allow.build())
    } else {
        response
    };
    response.build()
}

/// What an error status means for the caller.
fn meaning(status: u16) -> &'static str {
    match status {
        200 => "a business error (a bad field, an object that does not exist, a conflict), answered with HTTP 200",
        401 => "missing or invalid credentials",
        404 => "no endpoint has this path",
        405 => "the path does not serve this method",
        413 => "the request body is larger than the configured limit",
        414 => "the request line is too long",
        415 => "the request body's content type is not the expected one",
        429 => "too many requests of this kind; wait and try again",
        431 => "the request headers are too large",
        500 => "an unexpected fault in the server; the cause is in its log",
        _ => StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("an error"),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `UnauthorizedEnvelope`, `NotFoundEnvelope`, …; `BusinessErrorEnvelope` for 200.
fn schema_name(status: u16) -> String {
    if status == 200 { BUSINESS_ERROR.to_owned() } else { format!("{}Envelope", response_name(status)) }
}

/// The canonical reason in one word: `Unauthorized`, `PayloadTooLarge`, …
fn response_name(status: u16) -> String {
    let reason = StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => reason.split(|c: char| !c.is_ascii_alphanumeric()).collect(),
        None => format!("Status{status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_status_of_the_code_table_has_a_distinct_name() {
        let statuses = codes_by_status();
        let mut names: Vec<String> = statuses.keys().map(|s| schema_name(*s)).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), statuses.len());
        assert_eq!(response_name(413), "PayloadTooLarge");
        assert_eq!(schema_name(401), "UnauthorizedEnvelope");
        assert_eq!(schema_name(200), "BusinessErrorEnvelope");
    }

    #[test]
    fn business_errors_are_the_codes_answered_with_http_200() {
        let statuses = codes_by_status();
        let business = &statuses[&200];
        assert!(business.contains(&ErrorCode::InvalidParameter.value()));
        assert!(business.contains(&ErrorCode::WorkspaceNotFound.value()));
        assert!(!business.contains(&200));
        assert_eq!(statuses[&401], vec![ErrorCode::MissingCredentials.value(), ErrorCode::InvalidCredentials.value()]);
    }
}
