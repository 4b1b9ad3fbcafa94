//! The rule management calls (`review/rule_repo/*`, `review/rule_group/*`,
//! `review/rule/*`).

use docreview_wire::Id;
use docreview_wire::rule::{CreateRuleRequest, RuleCreated, UpdateRuleRequest};
use docreview_wire::rule_group::{CreateRuleGroupRequest, RuleGroupCreated};
use docreview_wire::rule_repo::{CreateRuleRepoRequest, RuleRepoCreated};
use serde::de::IgnoredAny;

use crate::{Client, ClientError};

impl Client {
    /// `review/rule_repo/create`.
    pub async fn create_rule_repo(&self, workspace_id: Id, name: &str) -> Result<Id, ClientError> {
        let request = CreateRuleRepoRequest { workspace_id: Some(workspace_id), name: Some(name.to_owned()) };
        let created: RuleRepoCreated = self.post("review/rule_repo/create", &request).await?;
        Ok(created.repo_id)
    }

    /// `review/rule_group/create`.
    pub async fn create_rule_group(&self, workspace_id: Id, repo_id: Id, name: &str) -> Result<Id, ClientError> {
        let request = CreateRuleGroupRequest {
            workspace_id: Some(workspace_id),
            repo_id: Some(repo_id),
            name: Some(name.to_owned()),
        };
        let created: RuleGroupCreated = self.post("review/rule_group/create", &request).await?;
        Ok(created.group_id)
    }

    /// `review/rule/create`.
    pub async fn create_rule(&self, request: &CreateRuleRequest) -> Result<Id, ClientError> {
        let created: RuleCreated = self.post("review/rule/create", request).await?;
        Ok(created.rule_id)
    }

    /// `review/rule/update`: absent fields stay as they are.
    pub async fn update_rule(&self, request: &UpdateRuleRequest) -> Result<(), ClientError> {
        self.post::<IgnoredAny>("review/rule/update", request).await.map(drop)
    }
}
