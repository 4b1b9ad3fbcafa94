//! A reviewed task to retry, and jobs run by the real workflow: extraction
//! committed with a fixed outcome (the tests have no parser), plans and
//! judges run as the engine's workers run them.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use docreview_core::Caller;
use docreview_core::review::NewReviewTask;
use docreview_core::rules::{NewRule, NewRuleGroup, NewRuleRepo, RiskLevel, RulePatch};
use docreview_core::states::{JobKind, RuleResult};
use docreview_engine::pool::Tools;
use docreview_engine::workflow::{self, Outcome};
use docreview_engine::{Callbacks, Judges, ParseLimits, ParserCommand, Sandbox};
use docreview_store::Store;
use docreview_store::jobs::Claim;
use docreview_store::review::{PlannedRule, RuleDefinition, RuleTaskRow, Verdict};
use docreview_wire::Id;
use docreview_wire::review::Anchor;
use workflow::plan::PlannedTask;

use crate::jobs::{outcome, uploaded};

pub(crate) const LEASE_MS: i64 = 60_000;

/// A review task over one extracted file, with one rule per expression.
pub(crate) struct Reviewed {
    pub(crate) caller: Caller,
    pub(crate) ws: i64,
    pub(crate) task_id: i64,
    pub(crate) rules: Vec<i64>,
}

impl Reviewed {
    /// The task's current rule tasks, by rule.
    pub(crate) async fn rule_tasks(&self, store: &Store) -> Vec<RuleTaskRow> {
        store.review_task(&self.caller, self.ws, self.task_id).await.unwrap().rule_tasks
    }

    pub(crate) async fn set_expression(&self, store: &Store, rule: usize, expression: &str) {
        let patch = RulePatch {
            workspace_id: self.ws,
            rule_id: self.rules[rule],
            group_id: None,
            name: Some(format!("rule {rule} as {expression}")),
            prompt: None,
            category_ids: None,
            risk_level: None,
            referenced_fields: None,
            expression: Some(Some(expression.to_owned())),
        };
        store.update_rule(&self.caller, &patch).await.unwrap();
    }
}

/// Submits a review of one file against rules with these expressions; jobs
/// are not run yet.
pub(crate) async fn submitted(store: &Store, expressions: &[&str]) -> Reviewed {
    let (caller, ws, _) = uploaded(store, 1).await;
    let repo = store.create_rule_repo(&caller, &NewRuleRepo { workspace_id: ws, name: "Checks".into() }).await.unwrap();
    let group = store
        .create_rule_group(&caller, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "Amounts".into() })
        .await
        .unwrap();
    let mut rules = Vec::new();
    for (i, expression) in expressions.iter().enumerate() {
        let rule = NewRule {
            workspace_id: ws,
            repo_id: repo,
            group_id: group,
            name: format!("rule {i} as {expression}"),
            prompt: format!("prompt {i}"),
            category_ids: vec![],
            risk_level: RiskLevel::High,
            referenced_fields: vec![],
            expression: Some((*expression).to_owned()),
        };
        rules.push(store.create_rule(&caller, &rule).await.unwrap());
    }
    let new = NewReviewTask {
        workspace_id: ws,
        name: "review".into(),
        repo_id: repo,
        extract_task_ids: vec![],
        batch_number: Some("batch-1".into()),
        model: None,
    };
    let task_id = workflow::submit::submit(store, &caller, &new, "default").await.unwrap();
    Reviewed { caller, ws, task_id, rules }
}

/// Submits and runs a review to its end.
pub(crate) async fn reviewed(store: &Store, expressions: &[&str]) -> Reviewed {
    let review = submitted(store, expressions).await;
    run_all(store).await;
    review
}

/// Runs ready jobs until none is left.
pub(crate) async fn run_all(store: &Store) {
    while run_one(store).await {}
}

/// Runs the extraction and plan jobs, leaving every rule task queued with a
/// judge job, as rules judged by a model are: the plan's commit is the
/// workflow's, given no verdicts.
pub(crate) async fn plan_queued(store: &Store) {
    while let Some(claim) = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap() {
        workflow::extraction::commit(store, &claim, &outcome("Invoice")).await.unwrap();
    }
    while let Some(claim) = store.claim_job(JobKind::ReviewPlan, LEASE_MS).await.unwrap() {
        let rules = repository_rules(store, &claim).await;
        workflow::plan::commit(store, &claim, &unjudged(rules), 0).await.unwrap();
    }
}

/// What the workflow judges with: the expression judge, no model.
static TOOLS: LazyLock<Tools> = LazyLock::new(|| Tools {
    judges: Arc::new(Judges::default()),
    sandbox: Arc::new(Sandbox::new(
        ParserCommand { program: "docreview".into(), args: Vec::new() },
        ParseLimits::default(),
    )),
    callbacks: Arc::new(Callbacks::default()),
});

/// Runs one ready job, extraction first, then plans, then judges; false
/// when none was ready.
pub(crate) async fn run_one(store: &Store) -> bool {
    if let Some(claim) = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap() {
        workflow::extraction::commit(store, &claim, &outcome("Invoice")).await.unwrap();
        return true;
    }
    let Some((kind, claim)) = store.claim_next(&[JobKind::ReviewPlan, JobKind::ReviewRule], LEASE_MS).await.unwrap()
    else {
        return false;
    };
    let lease = Duration::from_millis(LEASE_MS as u64);
    workflow::run_job(store, kind, claim, &TOOLS, lease).await.unwrap() == Outcome::Worked
}

/// The current rules of the planned task's repository; every one is
/// triggered (they name no category).
pub(crate) async fn repository_rules(store: &Store, claim: &Claim) -> Vec<PlannedRule> {
    let input = store.plan_input(claim.subject_id).await.unwrap().unwrap();
    store.repository_rules(input.repo_id).await.unwrap().unwrap()
}

/// The rules with the stand-in's verdicts, as a plan that judged them
/// brings them to the workflow's commit.
pub(crate) fn judged(rules: Vec<PlannedRule>) -> Vec<PlannedTask> {
    rules.into_iter().map(|rule| PlannedTask { verdict: Some(verdict(Some(&rule.rule))), rule }).collect()
}

/// The rules as a plan writes them that leaves their judging to jobs.
pub(crate) fn unjudged(rules: Vec<PlannedRule>) -> Vec<PlannedTask> {
    rules.into_iter().map(|rule| PlannedTask { rule, verdict: None }).collect()
}

/// A stand-in verdict, for tests that commit one themselves: `true` passes,
/// any other expression does not, a deleted rule is an error. The reasoning
/// and its anchor name the expression.
pub(crate) fn verdict(rule: Option<&RuleDefinition>) -> Verdict {
    let Some(expression) = rule.and_then(|r| r.expression.clone()) else {
        return Verdict { status: RuleResult::Error, reasoning: "rule deleted".into(), anchors: vec![] };
    };
    let reasoning = format!("judged by {expression}");
    let anchor = Anchor {
        start_pos: 10,
        end_pos: reasoning.chars().count() as i64,
        text: expression.clone(),
        vertices: vec![0, 0, 10, 0, 10, 10, 0, 10],
        file_id: Id(1),
        extract_task_id: Id(1),
        page: 1,
        source: "extract_field".into(),
        file_category: Some("Invoice".into()),
        field_name: Some("Total".into()),
    };
    let passed = if expression == "true" { RuleResult::Passed } else { RuleResult::NotPassed };
    Verdict { status: passed, reasoning, anchors: vec![anchor] }
}

/// The expression judge's reasoning for a rule whose expression is the
/// constant `expression` (`true` or `false`): it reads no field.
pub(crate) fn judged_reasoning(expression: &str) -> String {
    format!("No field was read → expression is {expression}")
}
