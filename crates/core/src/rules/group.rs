//! Rule group requests.

use docreview_wire::rule_group::{CreateRuleGroupRequest, DeleteRuleGroupRequest, UpdateRuleGroupRequest};

use crate::validation::{self, ValidationError, required, required_id};

pub const GROUP_NAME_MAX: usize = 30;

/// A rule group to create in a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRuleGroup {
    pub workspace_id: i64,
    pub repo_id: i64,
    pub name: String,
}

impl TryFrom<CreateRuleGroupRequest> for NewRuleGroup {
    type Error = ValidationError;

    fn try_from(request: CreateRuleGroupRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            repo_id: required_id(request.repo_id, "repo_id")?,
            name: validation::name(&required(request.name, "name")?, "name", GROUP_NAME_MAX)?,
        })
    }
}

/// A new name for a group; `None` changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGroupRename {
    pub workspace_id: i64,
    pub group_id: i64,
    pub name: Option<String>,
}

impl TryFrom<UpdateRuleGroupRequest> for RuleGroupRename {
    type Error = ValidationError;

    fn try_from(request: UpdateRuleGroupRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            group_id: required_id(request.group_id, "group_id")?,
            name: request.name.map(|name| validation::name(&name, "name", GROUP_NAME_MAX)).transpose()?,
        })
    }
}

/// A group to delete with its rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGroupDeletion {
    pub workspace_id: i64,
    pub group_id: i64,
}

impl TryFrom<DeleteRuleGroupRequest> for RuleGroupDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteRuleGroupRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            group_id: required_id(request.group_id, "group_id")?,
        })
    }
}
