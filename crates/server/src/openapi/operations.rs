//! Walking every operation of the document, with its path and method.

use utoipa::openapi::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::SecurityRequirement;

/// Every operation with its path and lower-case method, in path order.
pub fn operations_mut(openapi: &mut OpenApi) -> impl Iterator<Item = (&str, &'static str, &mut Operation)> {
    openapi.paths.paths.iter_mut().flat_map(|(path, item)| {
        methods_mut(item)
            .filter_map(move |(method, operation)| operation.as_mut().map(|op| (path.as_str(), method, op)))
    })
}

fn methods_mut(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Option<Operation>)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ]
    .into_iter()
}

/// Whether the operation is public: it declares the empty security
/// requirement (`security(())`) instead of inheriting the document's.
pub fn is_public(operation: &Operation) -> bool {
    operation
        .security
        .as_ref()
        .is_some_and(|requirements| requirements.iter().all(|r| *r == SecurityRequirement::default()))
}
