//! The descriptions of the status fields, written from the closed sets of
//! `docreview_core::states`, so that the document names each value as the
//! server means it and follows the enums when one changes.

use docreview_core::states::{FileStatus, IntCode, ReviewStatus, RuleResult};
use utoipa::Modify;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{OpenApi, RefOr};

/// Describes every status field of the response schemas.
#[derive(Debug)]
pub struct StatusValues;

impl Modify for StatusValues {
    fn modify(&self, openapi: &mut OpenApi) {
        let review = described("DocFlow's shared review status", ReviewStatus::ALL, ReviewStatus::name);
        let rule = described("The rule's result, in the shared review status", RuleResult::ALL, |r| r.status().name());
        let file = described("The extraction task's recognition status", FileStatus::ALL, FileStatus::name);
        let fields = [
            ("ReviewTaskResult", "status", &review),
            ("ReviewTaskSummary", "status", &review),
            ("RuleTaskResult", "review_result", &rule),
            ("RuleTaskRun", "review_result", &rule),
            ("FileResult", "recognition_status", &file),
        ];
        let Some(components) = openapi.components.as_mut() else { return };
        for (schema, property, description) in fields {
            let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(schema) else { continue };
            if let Some(RefOr::T(Schema::Object(field))) = object.properties.get_mut(property) {
                field.description = Some(description.clone());
            }
        }
    }
}

/// "`what`: 0 pending, 1 passed, …".
fn described<T: IntCode>(what: &str, members: &[T], name: fn(T) -> &'static str) -> String {
    let values: Vec<String> = members.iter().map(|m| format!("{} {}", m.code(), name(*m))).collect();
    format!("{what}: {}.", values.join(", "))
}
