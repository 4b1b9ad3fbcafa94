//! What can go wrong in the store.

use std::fmt;

/// The kinds of object a lookup can miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    Workspace,
    RuleRepo,
    RuleGroup,
    Rule,
    Category,
    CategoryField,
    CategoryTable,
    CategorySample,
    File,
    ReviewTask,
    /// A rule as part of a review task.
    RuleTask,
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ObjectKind::Workspace => "workspace",
            ObjectKind::RuleRepo => "rule repo",
            ObjectKind::RuleGroup => "rule group",
            ObjectKind::Rule => "rule",
            ObjectKind::Category => "category",
            ObjectKind::CategoryField => "field",
            ObjectKind::CategoryTable => "table",
            ObjectKind::CategorySample => "sample",
            ObjectKind::File => "file",
            ObjectKind::ReviewTask => "review task",
            ObjectKind::RuleTask => "rule",
        })
    }
}

/// A store failure. `NotFound` is matched by callers; the others are faults.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The object does not exist, or not where the request said, or the caller
    /// cannot see it. `message` names it, e.g. "rule group 7 not found in rule repo 3".
    #[error("{message}")]
    NotFound { kind: ObjectKind, message: String },
    /// The database rejected or failed a query.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Applying the embedded migrations failed.
    #[error("migrating the database")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value could not be read back.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The request conflicts with the stored state; `0` says how.
    #[error("{0}")]
    Conflict(String),
    /// Too many requests of this kind for now; `0` says which and when to retry.
    #[error("{0}")]
    RateLimited(String),
    /// The database URL names a backend docreview does not support.
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
}

impl From<docreview_core::states::Corrupt> for StoreError {
    fn from(corrupt: docreview_core::states::Corrupt) -> Self {
        Self::Corrupt(corrupt.to_string())
    }
}

impl StoreError {
    /// "`kind` `id` not found".
    pub fn not_found(kind: ObjectKind, id: i64) -> Self {
        Self::NotFound { kind, message: format!("{kind} {id} not found") }
    }

    /// "`kind` `id` not found in `parent_kind` `parent_id`".
    pub fn not_found_in(kind: ObjectKind, id: i64, parent: ObjectKind, parent_id: i64) -> Self {
        Self::NotFound { kind, message: format!("{kind} {id} not found in {parent} {parent_id}") }
    }
}
