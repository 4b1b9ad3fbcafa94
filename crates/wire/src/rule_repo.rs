//! Rule repository endpoints (`review/rule_repo/*`) and the nested repository shape.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Id;
use crate::rule::Rule;

/// Body of `review/rule_repo/create`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct CreateRuleRepoRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required, 1 to 30 characters.
    #[schema(required = true, nullable = false, min_length = 1, max_length = 30, pattern = r"\S")]
    pub name: Option<String>,
}

/// Result of `review/rule_repo/create`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleRepoCreated {
    pub repo_id: Id,
}

/// Query of `review/rule_repo/list`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListRuleReposQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Page number from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Page size, 1 to 100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<i64>,
}

/// Result of `review/rule_repo/list`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleRepoList {
    pub repos: Vec<RuleRepo>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// Query of `review/rule_repo/get`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GetRuleRepoQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub repo_id: Option<Id>,
}

/// A rule repository with its groups and their rules, in creation order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleRepo {
    pub repo_id: Id,
    pub name: String,
    /// The union of the category ids of the repository's rules.
    pub category_ids: Vec<Id>,
    pub groups: Vec<RuleGroup>,
}

/// A rule group inside a repository.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleGroup {
    pub group_id: Id,
    pub name: String,
    pub rules: Vec<Rule>,
}

/// Body of `review/rule_repo/update`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UpdateRuleRepoRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub repo_id: Option<Id>,
    /// 1 to 30 characters; absent leaves the name unchanged.
    #[schema(min_length = 1, max_length = 30, pattern = r"\S")]
    pub name: Option<String>,
}

/// Body of `review/rule_repo/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteRuleReposRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required, at least one. Deletes the repositories with their groups and rules;
    /// all are deleted, or none if one is not found.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub repo_ids: Option<Vec<Id>>,
}
