//! Schema helpers for the OpenAPI document, where a derived schema would not
//! say what the JSON looks like.

use utoipa::PartialSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

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

/// A workspace's `date_order`: one of three names.
pub fn date_order() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(["month_first", "day_first", "refuse"]))
        .default(Some("month_first".into()))
        .description(Some(
            "docreview's extension: how a date written with the year last and slashes (`03/05/2024`) is read when \
             either number could be the month — `month_first` (5 March, the default), `day_first` (3 May) or \
             `refuse` (an error). Extraction's `datetime` transform and the rule expressions' date helpers both \
             read with it.",
        ))
        .into()
}
