//! Rule group endpoints (`review/rule_group/*`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Id;

/// Body of `review/rule_group/create`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct CreateRuleGroupRequest {
    /// Required.
    pub workspace_id: Option<Id>,
    /// Required: the repository the group belongs to.
    pub repo_id: Option<Id>,
    /// Required, 1 to 30 characters.
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
    pub workspace_id: Option<Id>,
    /// Required.
    pub group_id: Option<Id>,
    /// 1 to 30 characters; absent leaves the name unchanged.
    pub name: Option<String>,
}

/// Body of `review/rule_group/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteRuleGroupRequest {
    /// Required.
    pub workspace_id: Option<Id>,
    /// Required. The group's rules are deleted with it.
    pub group_id: Option<Id>,
}
