//! Plans: rule tasks written finished with the verdicts a plan brings, the
//! others queued with a judge job each, all or nothing, fenced by the claim.

use docreview_core::states::Phase;
use docreview_core::states::RuleResult;
use docreview_engine::workflow;
use docreview_store::Store;
use docreview_store::jobs::JobKind;

use super::support::{
    LEASE_MS, judged, judged_reasoning, plan_queued, repository_rules, reviewed, run_all, submitted, verdict,
};
use crate::jobs::outcome;

async fn queued(store: &Store, kind: JobKind) -> i64 {
    store.queue_depth(kind).await.unwrap().queued
}

/// Runs the review's extraction, leaving its plan job queued.
async fn extracted(store: &Store) {
    while let Some(claim) = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap() {
        workflow::extraction::commit(store, &claim, &outcome("Invoice")).await.unwrap();
    }
}

async fn a_plan_writes_its_verdicts_and_queues_the_rest_for_judges(store: Store) {
    let review = submitted(&store, &["true", "false", "true"]).await;
    extracted(&store).await;
    let plan = store.claim_job(JobKind::ReviewPlan, LEASE_MS).await.unwrap().unwrap();
    let mut tasks = judged(repository_rules(&store, &plan).await);
    // The last rule is left to a judge job, as one judged by a model is.
    tasks[2].verdict = None;
    assert!(workflow::plan::commit(&store, &plan, &tasks, 4).await.unwrap());

    let task = store.review_task(&review.caller, review.ws, review.task_id).await.unwrap();
    assert_eq!((task.phase, task.not_triggered_count), (Phase::Planned, 4));
    let shown: Vec<_> = task.rule_tasks.iter().map(|r| (r.status, r.generation, r.result_version)).collect();
    assert_eq!(shown, vec![(RuleResult::Passed, 1, 1), (RuleResult::NotPassed, 1, 1), (RuleResult::Queued, 1, 0)]);
    for (row, planned) in task.rule_tasks.iter().zip(&tasks).take(2) {
        let expected = verdict(Some(&planned.rule.rule));
        assert_eq!((&row.reasoning, &row.anchors), (&expected.reasoning, &expected.anchors), "stored as judged");
        assert_eq!((row.rule_id, row.rule_name.as_str()), (planned.rule.rule.rule_id, planned.rule.rule.name.as_str()));
    }
    assert_eq!(task.rule_tasks[2].reasoning, "");
    assert_eq!((queued(&store, JobKind::ReviewRule).await, queued(&store, JobKind::ReviewPlan).await), (1, 0));

    run_all(&store).await;
    let last = &review.rule_tasks(&store).await[2];
    assert_eq!((last.status, last.result_version), (RuleResult::Passed, 1), "judged by its own job");
}

async fn a_stale_plan_writes_nothing(store: Store) {
    let review = submitted(&store, &["true", "false"]).await;
    extracted(&store).await;
    let stale = store.claim_job(JobKind::ReviewPlan, LEASE_MS).await.unwrap().unwrap();
    let tasks = judged(repository_rules(&store, &stale).await);
    // Retried while planning: the plan's job is queued again at the next generation.
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    assert!(!workflow::plan::commit(&store, &stale, &tasks, 0).await.unwrap());
    assert!(review.rule_tasks(&store).await.is_empty(), "no rule task written");
    assert_eq!(queued(&store, JobKind::ReviewRule).await, 0);

    run_all(&store).await;
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.status, r.result_version)).collect();
    assert_eq!(shown, vec![(RuleResult::Passed, 1), (RuleResult::NotPassed, 1)], "the current plan's, once");
}

async fn a_re_plan_adds_its_verdicts_to_the_earlier_runs(store: Store) {
    let review = reviewed(&store, &["true", "false"]).await;
    let before = review.rule_tasks(&store).await;
    review.set_expression(&store, 0, "false").await;
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    run_all(&store).await;

    let after = review.rule_tasks(&store).await;
    assert_eq!(after.iter().map(|r| r.id).collect::<Vec<_>>(), before.iter().map(|r| r.id).collect::<Vec<_>>());
    let shown: Vec<_> = after.iter().map(|r| (r.status, r.generation, r.result_version)).collect();
    // The retry moved each rule task to generation 2, the plan to 3.
    assert_eq!(shown, vec![(RuleResult::NotPassed, 3, 2), (RuleResult::NotPassed, 3, 2)]);
    assert_eq!(after[0].reasoning, judged_reasoning("false"));
    let history = store.rule_task_history(&review.caller, review.ws, review.task_id, after[0].id).await.unwrap();
    let runs: Vec<_> = history.runs.iter().map(|r| (r.status, r.expression.as_deref())).collect();
    assert_eq!(runs, vec![(RuleResult::Passed, Some("true"))], "the first run, with the expression it was judged by");
}

async fn a_rule_retried_after_its_plan_judged_it_gets_a_job_of_its_own(store: Store) {
    let review = reviewed(&store, &["true", "true"]).await;
    review.set_expression(&store, 0, "false").await;
    workflow::retry::retry_rule(&store, &review.caller, review.ws, review.task_id, review.rules[0]).await.unwrap();
    assert_eq!((queued(&store, JobKind::ReviewRule).await, queued(&store, JobKind::ReviewPlan).await), (1, 0));
    // Retried again while queued: nothing more is queued.
    workflow::retry::retry_rule(&store, &review.caller, review.ws, review.task_id, review.rules[0]).await.unwrap();
    assert_eq!(queued(&store, JobKind::ReviewRule).await, 1);

    run_all(&store).await;
    let shown: Vec<_> =
        review.rule_tasks(&store).await.iter().map(|r| (r.status, r.generation, r.result_version)).collect();
    assert_eq!(shown, vec![(RuleResult::NotPassed, 2, 2), (RuleResult::Passed, 1, 1)]);
}

async fn a_plan_of_thousands_of_rule_tasks_is_written_whole(store: Store) {
    // More rule tasks than one statement carries: the plan spans statements
    // in one transaction.
    let expressions: Vec<String> =
        (0..1_100).map(|i| if i % 3 == 0 { "false".into() } else { "true".into() }).collect();
    let expressions: Vec<&str> = expressions.iter().map(String::as_str).collect();
    let review = submitted(&store, &expressions).await;
    plan_queued(&store).await;
    assert_eq!(queued(&store, JobKind::ReviewRule).await, 1_100);
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    run_all(&store).await;
    let rows = review.rule_tasks(&store).await;
    assert_eq!(rows.len(), 1_100);
    assert_eq!(queued(&store, JobKind::ReviewRule).await, 0, "the re-plan judged every rule itself");
    for (i, row) in rows.iter().enumerate() {
        let expected = if i % 3 == 0 { RuleResult::NotPassed } else { RuleResult::Passed };
        assert_eq!((row.status, row.generation, row.result_version), (expected, 3, 1), "rule task {i}");
    }
}

crate::support::on_both_backends!(
    a_plan_writes_its_verdicts_and_queues_the_rest_for_judges,
    a_stale_plan_writes_nothing,
    a_re_plan_adds_its_verdicts_to_the_earlier_runs,
    a_rule_retried_after_its_plan_judged_it_gets_a_job_of_its_own,
    a_plan_of_thousands_of_rule_tasks_is_written_whole,
);
