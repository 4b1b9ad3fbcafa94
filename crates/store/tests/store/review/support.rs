//! A reviewed task to retry, and a stand-in for the engine's workers that
//! runs jobs through the store the way the engine does.

use docreview_core::Caller;
use docreview_core::review::{NewReviewTask, status};
use docreview_core::rules::{NewRule, NewRuleGroup, NewRuleRepo, RiskLevel, RulePatch};
use docreview_store::Store;
use docreview_store::jobs::{Claim, JobKind};
use docreview_store::review::{PlannedRule, PlannedTask, RuleDefinition, RuleTaskRow, Verdict};
use docreview_wire::Id;
use docreview_wire::review::Anchor;

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
    let task_id = store.submit_review_task(&caller, &new, "default").await.unwrap();
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
/// judge job, as rules judged by a model are.
pub(crate) async fn plan_queued(store: &Store) {
    while let Some(claim) = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap() {
        store.commit_extraction(&claim, &outcome("Invoice")).await.unwrap();
    }
    while let Some(claim) = store.claim_job(JobKind::ReviewPlan, LEASE_MS).await.unwrap() {
        let rules = repository_rules(store, &claim).await;
        store.commit_plan(&claim, &unjudged(rules), 0).await.unwrap();
    }
}

/// Runs one ready job, extraction first, then plans, then judges, as the
/// engine does; false when none was ready.
pub(crate) async fn run_one(store: &Store) -> bool {
    if let Some(claim) = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap() {
        store.commit_extraction(&claim, &outcome("Invoice")).await.unwrap();
        return true;
    }
    if let Some(claim) = store.claim_job(JobKind::ReviewPlan, LEASE_MS).await.unwrap() {
        let rules = repository_rules(store, &claim).await;
        store.commit_plan(&claim, &judged(rules), 0).await.unwrap();
        return true;
    }
    if let Some(claim) = store.claim_job(JobKind::ReviewRule, LEASE_MS).await.unwrap() {
        judge(store, &claim).await;
        return true;
    }
    false
}

/// The current rules of the planned task's repository; every one is
/// triggered (they name no category).
pub(crate) async fn repository_rules(store: &Store, claim: &Claim) -> Vec<PlannedRule> {
    let input = store.plan_input(claim.subject_id).await.unwrap().unwrap();
    store.repository_rules(input.repo_id).await.unwrap().unwrap()
}

/// The rules as a plan that judges them writes them, as the engine's does
/// for rules with an expression.
pub(crate) fn judged(rules: Vec<PlannedRule>) -> Vec<PlannedTask> {
    rules.into_iter().map(|rule| PlannedTask { verdict: Some(verdict(Some(&rule.rule))), rule }).collect()
}

/// The rules as a plan writes them that leaves their judging to jobs.
pub(crate) fn unjudged(rules: Vec<PlannedRule>) -> Vec<PlannedTask> {
    rules.into_iter().map(|rule| PlannedTask { rule, verdict: None }).collect()
}

async fn judge(store: &Store, claim: &Claim) {
    let Some(input) = store.judge_input(claim.subject_id).await.unwrap() else {
        store.drop_orphan_job(claim).await.unwrap();
        return;
    };
    if store.start_judging(claim).await.unwrap() {
        store.commit_verdict(claim, &verdict(input.rule.as_ref()), input.rule.as_ref()).await.unwrap();
    }
}

/// The stand-in judge: `true` passes, any other expression does not, a
/// deleted rule is an error. The reasoning and its anchor name the expression.
pub(crate) fn verdict(rule: Option<&RuleDefinition>) -> Verdict {
    let Some(expression) = rule.and_then(|r| r.expression.clone()) else {
        return Verdict { status: status::ERROR, reasoning: "rule deleted".into(), anchors: vec![] };
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
    let passed = if expression == "true" { status::PASSED } else { status::NOT_PASSED };
    Verdict { status: passed, reasoning, anchors: vec![anchor] }
}
