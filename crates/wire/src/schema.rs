//! Schema helpers for the OpenAPI document, where a derived schema would not
//! say what the JSON looks like.

use utoipa::PartialSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;

/// The properties of `T`, none of them required: the schema of a flattened
/// `Option<T>`, whose properties are all present or all absent (`with_detail`).
///
/// Derived, such a field becomes `allOf: [oneOf: [T, null], …]`, which an
/// object without `T`'s properties never matches.
pub fn optional_properties<T: PartialSchema>() -> RefOr<Schema> {
    match T::schema() {
        RefOr::T(Schema::Object(mut object)) => {
            object.required.clear();
            RefOr::T(Schema::Object(object))
        }
        other => other,
    }
}
