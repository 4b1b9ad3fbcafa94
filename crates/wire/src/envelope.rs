//! The DocFlow response envelope `{code, msg, result}`.

use serde::Serialize;

/// Every response body: `code` 200 is success, anything else an error from
/// [`crate::ErrorCode`]; `result` is the endpoint's payload, `null` for
/// acknowledgements and errors.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Envelope<T> {
    /// 200 on success, otherwise a stable error code.
    pub code: i64,
    /// "success", or a message naming the field or object at fault.
    pub msg: String,
    /// The endpoint's payload.
    pub result: Option<T>,
}

impl<T> Envelope<T> {
    /// A success envelope around `result`.
    pub fn success(result: Option<T>) -> Self {
        Self { code: 200, msg: "success".to_owned(), result }
    }
}

/// The payload of endpoints that only acknowledge; serialises as `null`.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Ack;
