//! Rule group endpoints (`review/rule_group/*`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Id;

/// Body of `review/rule_group/create`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct CreateRuleGroupRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required: the repository the group belongs to.
    #[schema(required = true, nullable = false)]
    pub repo_id: Option<Id>,
    /// Required, 1 to 30 characters.
    #[schema(required = true, nullable = false, min_length = 1, max_length = 30, pattern = r"\S")]
    pub name: Option<String>,
}

/// Result of `review/rule_group/create`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleGroupCreated {
    pub group_id: Id,
}

/// Body of `review/rule_group/update`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UpdateRuleGroupRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub group_id: Option<Id>,
    /// 1 to 30 characters; absent leaves the name unchanged.
    #[schema(min_length = 1, max_length = 30, pattern = r"\S")]
    pub name: Option<String>,
}

/// Body of `review/rule_group/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteRuleGroupRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required. The group's rules are deleted with it.
    #[schema(required = true, nullable = false)]
    pub group_id: Option<Id>,
}
