//! The authenticated caller of a request.

/// An app that proved its credentials, and the enterprise (tenant) it belongs to.
/// Every store query is scoped by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The app's row id.
    pub app_pk: i64,
    /// The public app id (`x-ti-app-id`).
    pub app_id: String,
    /// The app's display name.
    pub app_name: String,
    /// The enterprise the app belongs to.
    pub enterprise_id: i64,
}
