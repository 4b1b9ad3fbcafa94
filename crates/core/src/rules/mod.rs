//! Validated rule-management requests: repositories, groups and rules.

mod cel_block;
mod group;
mod repo;
mod rule;

pub use cel_block::{cel_block, effective_expression};
pub use group::{GROUP_NAME_MAX, NewRuleGroup, RuleGroupDeletion, RuleGroupRename};
pub use repo::{NewRuleRepo, REPO_NAME_MAX, RuleRepoDeletion, RuleRepoRename};
pub use rule::{CATEGORY_IDS_MAX, NewRule, PROMPT_MAX, RULE_NAME_MAX, RiskLevel, RuleDeletion, RulePatch};
