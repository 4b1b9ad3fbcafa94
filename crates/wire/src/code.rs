//! The stable error codes of the API, one table for the whole service.
//!
//! Business errors (validation, not found) answer HTTP 200 with a non-200
//! `code`, as DocFlow does; transport-level faults (credentials, unknown route,
//! body too large, throttling, internal faults) also set the matching HTTP status.
//! `docs/errors.md` lists the same table for users; a test keeps the two in step.

/// A stable error code. The numeric value is what clients see in `code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A request field is missing, of the wrong type, too long or out of range.
    InvalidParameter,
    /// The request body is not well-formed JSON.
    MalformedJson,
    /// No credentials were sent.
    MissingCredentials,
    /// The credentials or the signature are wrong, or the signature is stale.
    InvalidCredentials,
    /// No endpoint has this path.
    NoSuchEndpoint,
    /// The endpoint exists but not for this HTTP method.
    MethodNotAllowed,
    /// The request body exceeds the configured limit.
    BodyTooLarge,
    /// The request is not well-formed HTTP; refused before it reached an endpoint.
    MalformedRequest,
    /// The request line (path and query) is longer than the server reads.
    UriTooLong,
    /// The request headers are larger than the server reads.
    HeadersTooLarge,
    /// The request body is not of the content type the endpoint reads.
    UnsupportedMediaType,
    /// Too many requests of this kind; try again later.
    RateLimited,
    /// An unexpected fault on the server; the cause is in the server log.
    Internal,
    /// The workspace does not exist or is not visible to the caller.
    WorkspaceNotFound,
    /// The rule repository does not exist in the workspace.
    RuleRepoNotFound,
    /// The rule group does not exist in the workspace or repository.
    RuleGroupNotFound,
    /// The rule does not exist in the workspace.
    RuleNotFound,
    /// The request conflicts with the current state (a duplicate name, the last
    /// sample of a category, a task that is still running).
    Conflict,
    /// The category does not exist in the workspace.
    CategoryNotFound,
    /// The field does not exist in the category or table.
    CategoryFieldNotFound,
    /// The table does not exist in the category.
    CategoryTableNotFound,
    /// The sample does not exist in the category.
    CategorySampleNotFound,
    /// The file (extraction task) does not exist in the workspace.
    FileNotFound,
    /// An uploaded file exceeds the size limit.
    FileTooLarge,
    /// The review task does not exist in the workspace (or was deleted).
    ReviewTaskNotFound,
    /// The rule is not one of the review task's rule tasks.
    RuleNotInTask,
}

impl ErrorCode {
    /// Every code, in the order of the documentation table.
    pub const ALL: [ErrorCode; 26] = [
        ErrorCode::InvalidParameter,
        ErrorCode::MalformedJson,
        ErrorCode::MissingCredentials,
        ErrorCode::InvalidCredentials,
        ErrorCode::NoSuchEndpoint,
        ErrorCode::MethodNotAllowed,
        ErrorCode::BodyTooLarge,
        ErrorCode::MalformedRequest,
        ErrorCode::UriTooLong,
        ErrorCode::HeadersTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::RateLimited,
        ErrorCode::Internal,
        ErrorCode::WorkspaceNotFound,
        ErrorCode::RuleRepoNotFound,
        ErrorCode::RuleGroupNotFound,
        ErrorCode::RuleNotFound,
        ErrorCode::Conflict,
        ErrorCode::CategoryNotFound,
        ErrorCode::CategoryFieldNotFound,
        ErrorCode::CategoryTableNotFound,
        ErrorCode::CategorySampleNotFound,
        ErrorCode::FileNotFound,
        ErrorCode::FileTooLarge,
        ErrorCode::ReviewTaskNotFound,
        ErrorCode::RuleNotInTask,
    ];

    /// The number sent in the envelope's `code`.
    pub const fn value(self) -> i64 {
        match self {
            ErrorCode::InvalidParameter => 400,
            ErrorCode::MalformedJson => 40001,
            ErrorCode::MissingCredentials => 40101,
            ErrorCode::InvalidCredentials => 40102,
            ErrorCode::NoSuchEndpoint => 40400,
            ErrorCode::MethodNotAllowed => 40500,
            ErrorCode::BodyTooLarge => 41300,
            ErrorCode::MalformedRequest => 40000,
            ErrorCode::UriTooLong => 41400,
            ErrorCode::HeadersTooLarge => 43100,
            ErrorCode::UnsupportedMediaType => 41500,
            ErrorCode::RateLimited => 42900,
            ErrorCode::Internal => 500,
            ErrorCode::WorkspaceNotFound => 1_005_006_000,
            ErrorCode::RuleRepoNotFound => 1_005_030_000,
            ErrorCode::RuleGroupNotFound => 1_005_030_001,
            ErrorCode::RuleNotFound => 1_005_030_002,
            ErrorCode::Conflict => 40900,
            ErrorCode::CategoryNotFound => 1_005_010_000,
            ErrorCode::CategoryFieldNotFound => 1_005_010_001,
            ErrorCode::CategoryTableNotFound => 1_005_010_002,
            ErrorCode::CategorySampleNotFound => 1_005_010_003,
            ErrorCode::FileNotFound => 1_005_016_000,
            ErrorCode::FileTooLarge => 1_005_016_010,
            ErrorCode::ReviewTaskNotFound => 1_005_040_000,
            ErrorCode::RuleNotInTask => 1_005_040_001,
        }
    }

    /// The HTTP status the response carries.
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::MissingCredentials | ErrorCode::InvalidCredentials => 401,
            ErrorCode::NoSuchEndpoint => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::MalformedRequest => 400,
            ErrorCode::UriTooLong => 414,
            ErrorCode::HeadersTooLarge => 431,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::InvalidParameter
            | ErrorCode::MalformedJson
            | ErrorCode::WorkspaceNotFound
            | ErrorCode::RuleRepoNotFound
            | ErrorCode::RuleGroupNotFound
            | ErrorCode::RuleNotFound
            | ErrorCode::Conflict
            | ErrorCode::CategoryNotFound
            | ErrorCode::CategoryFieldNotFound
            | ErrorCode::CategoryTableNotFound
            | ErrorCode::CategorySampleNotFound
            | ErrorCode::FileNotFound
            | ErrorCode::FileTooLarge
            | ErrorCode::ReviewTaskNotFound
            | ErrorCode::RuleNotInTask => 200,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_distinct() {
        let mut values: Vec<i64> = ErrorCode::ALL.iter().map(|c| c.value()).collect();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), ErrorCode::ALL.len());
        assert!(!values.contains(&200));
    }

    #[test]
    fn the_documentation_table_lists_every_code_with_its_http_status() {
        let doc = include_str!("../../../docs/errors.md");
        for code in ErrorCode::ALL {
            let row = format!("| {} | {} |", code.value(), code.http_status());
            assert!(doc.contains(&row), "docs/errors.md lacks the row `{row}`");
        }
    }
}
