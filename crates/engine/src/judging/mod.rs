//! Judging as reviews use it: what a rule sees (its context over the
//! review's documents), the expression judge over one rule or a whole
//! plan's expression rules, and verdicts as the store keeps them. The
//! workflow decides when to judge; this is how.

mod context;
mod expressions;
mod verdict;

pub(crate) use context::rule_context;
pub(crate) use expressions::{judge_expression, judge_plan};
pub(crate) use verdict::{error, from_judge, rule_deleted};
