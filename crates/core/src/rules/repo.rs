//! Rule repository requests.

use docreview_wire::rule_repo::{CreateRuleRepoRequest, DeleteRuleReposRequest, UpdateRuleRepoRequest};

use crate::validation::{self, ValidationError, required, required_id};

pub const REPO_NAME_MAX: usize = 30;
/// Repositories one delete request may name.
const DELETE_MAX: usize = 100;

/// A rule repository to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRuleRepo {
    pub workspace_id: i64,
    pub name: String,
}

impl TryFrom<CreateRuleRepoRequest> for NewRuleRepo {
    type Error = ValidationError;

    fn try_from(request: CreateRuleRepoRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            name: validation::name(&required(request.name, "name")?, "name", REPO_NAME_MAX)?,
        })
    }
}

/// A new name for a repository; `None` changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRepoRename {
    pub workspace_id: i64,
    pub repo_id: i64,
    pub name: Option<String>,
}

impl TryFrom<UpdateRuleRepoRequest> for RuleRepoRename {
    type Error = ValidationError;

    fn try_from(request: UpdateRuleRepoRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            repo_id: required_id(request.repo_id, "repo_id")?,
            name: request.name.map(|name| validation::name(&name, "name", REPO_NAME_MAX)).transpose()?,
        })
    }
}

/// Repositories to delete with their groups and rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRepoDeletion {
    pub workspace_id: i64,
    pub repo_ids: Vec<i64>,
}

impl TryFrom<DeleteRuleReposRequest> for RuleRepoDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteRuleReposRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            repo_ids: validation::id_list(request.repo_ids, "repo_ids", DELETE_MAX)?,
        })
    }
}
