//! Bodies that flatten one shape into another (the deprecated single-field and
//! single-table endpoints: a field's properties beside `workspace_id` & co).
//!
//! serde reads a flattened part from a buffer, out of sight of
//! `serde_path_to_error`, so an error inside it would be reported against the
//! whole body. Reading the inner shape on its own first makes its errors name
//! their field (`alias: invalid type…`); the outer read can then only fail on
//! its own fields.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;

/// Reads `Outer` from `body`, after checking the `Inner` it flattens.
pub fn read<Outer: DeserializeOwned, Inner: DeserializeOwned>(body: Value) -> Result<Outer, ApiError> {
    from_value::<Inner>(body.clone())?;
    from_value(body)
}

fn from_value<T: DeserializeOwned>(body: Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(body).map_err(|error| {
        let path = error.path().to_string();
        ApiError::invalid(if path == "." { "request" } else { &path }, error.into_inner())
    })
}
