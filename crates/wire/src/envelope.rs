//! The DocFlow response envelope `{code, msg, result}`.
//!
//! The OpenAPI document shows [`Envelope`] as the success envelope only
//! (`code` 200, `result` the payload); error envelopes, business errors
//! included, are described by the server's document from the table of
//! [`crate::ErrorCode`]s, so that each response declares exactly the codes
//! it can carry.

use serde::Serialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

/// A response body. The document shows it as the success envelope: `code`
/// 200, `msg` "success", `result` the endpoint's payload (`null` for
/// acknowledgements). An error has the same shape, with a code from the
/// table of error codes and `result: null`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Envelope<T> {
    // No doc comment here: utoipa would wrap the inlined schema in an `allOf`.
    #[schema(value_type = SuccessCode, inline)]
    pub code: i64,
    /// "success".
    pub msg: String,
    /// The endpoint's payload.
    #[schema(required = true)]
    pub result: Option<T>,
}

impl<T> Envelope<T> {
    /// A success envelope around `result`.
    pub fn success(result: Option<T>) -> Self {
        Self { code: 200, msg: "success".to_owned(), result }
    }
}

/// The `code` of a success envelope, for the OpenAPI document: 200 and nothing
/// else, so that a success and an error envelope never match the same schema.
#[derive(Debug)]
pub struct SuccessCode;

impl PartialSchema for SuccessCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .enum_values(Some([200]))
            .description(Some("200: success."))
            .into()
    }
}

impl ToSchema for SuccessCode {}

/// The payload of endpoints that only acknowledge; serialises as `null`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Ack;

impl PartialSchema for Ack {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::Null).description(Some("Nothing: the request was carried out.")).into()
    }
}

impl ToSchema for Ack {}
