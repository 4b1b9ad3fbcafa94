//! Operation ids derived from the paths: `review/rule/create` becomes
//! `review_rule_create`, `/openapi.json` becomes `openapi_json`.
//!
//! The handlers' function names (`create`, `list`, `delete`) repeat across
//! resources, and generated clients need one unique name per operation; the
//! path is unique, stable and already what users read in the documentation.

use std::collections::HashMap;

use docreview_wire::API_PREFIX;
use utoipa::Modify;
use utoipa::openapi::OpenApi;

use super::operations::operations_mut;

/// Sets every operation's `operationId` from its path (and, on a path served
/// under several methods, its method).
#[derive(Debug)]
pub struct OperationIds;

impl Modify for OperationIds {
    fn modify(&self, openapi: &mut OpenApi) {
        let mut methods_per_path: HashMap<String, usize> = HashMap::new();
        for (path, _, _) in operations_mut(openapi) {
            *methods_per_path.entry(path.to_owned()).or_default() += 1;
        }
        for (path, method, operation) in operations_mut(openapi) {
            let id = operation_id(path);
            let shared = methods_per_path.get(path).is_some_and(|count| *count > 1);
            operation.operation_id = Some(if shared { format!("{id}_{method}") } else { id });
        }
    }
}

/// `/api/app-api/sip/platform/v2/category/fields/batch_add` → `category_fields_batch_add`.
fn operation_id(path: &str) -> String {
    let relative = path.strip_prefix(API_PREFIX).unwrap_or(path);
    let words: Vec<String> = relative
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.join("_")
}

#[cfg(test)]
mod tests {
    use super::operation_id;

    #[test]
    fn ids_are_the_path_below_the_api_prefix_in_snake_case() {
        assert_eq!(operation_id("/api/app-api/sip/platform/v2/review/rule/create"), "review_rule_create");
        assert_eq!(operation_id("/api/app-api/sip/platform/v2/category/fields/batch_add"), "category_fields_batch_add");
        assert_eq!(operation_id("/api/app-api/sip/platform/v2/file/upload/sync"), "file_upload_sync");
        assert_eq!(operation_id("/openapi.json"), "openapi_json");
        assert_eq!(operation_id("/livez"), "livez");
    }
}
