//! Batches of expression rule tasks: how a plan splits them, and how a batch
//! commit fences each member on its own.

use docreview_core::review::{ReviewTaskDeletion, status};
use docreview_core::rules::{RuleDeletion, RulePatch};
use docreview_store::Store;
use docreview_store::jobs::JobKind;
use docreview_store::review::BatchVerdict;

use super::support::{BATCH_SIZE, LEASE_MS, Reviewed, batch_verdict, judge_batch, plan_all, run_all, submitted};

async fn queued(store: &Store, kind: JobKind) -> i64 {
    store.queue_depth(kind).await.unwrap().queued
}

/// Leaves rule `rule` with its prompt only.
async fn drop_expression(store: &Store, review: &Reviewed, rule: usize) {
    let patch = RulePatch {
        workspace_id: review.ws,
        rule_id: review.rules[rule],
        group_id: None,
        name: None,
        prompt: None,
        category_ids: None,
        risk_level: None,
        referenced_fields: None,
        expression: Some(None),
    };
    store.update_rule(&review.caller, &patch).await.unwrap();
}

async fn a_plan_queues_expression_rules_in_batches_and_prompt_rules_one_by_one(store: Store) {
    let review = submitted(&store, &["true", "false", "true", "false", "true"]).await;
    // One rule without an expression: judged by a job of its own.
    drop_expression(&store, &review, 4).await;
    plan_all(&store).await;
    assert_eq!(queued(&store, JobKind::ReviewBatch).await, 4_usize.div_ceil(BATCH_SIZE) as i64);
    assert_eq!(queued(&store, JobKind::ReviewRule).await, 1);

    run_all(&store).await;
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.status, r.result_version)).collect();
    let (passed, failed) = ((status::PASSED, 1), (status::NOT_PASSED, 1));
    assert_eq!(shown, vec![passed, failed, passed, failed, (status::ERROR, 1)]);
    assert_eq!(queued(&store, JobKind::ReviewBatch).await + queued(&store, JobKind::ReviewRule).await, 0);
}

async fn a_rule_retried_while_its_batch_waits_stays_in_the_batch(store: Store) {
    let review = submitted(&store, &["true", "false"]).await;
    plan_all(&store).await;
    store.retry_review_rule(&review.caller, review.ws, review.task_id, review.rules[0]).await.unwrap();
    assert_eq!(queued(&store, JobKind::ReviewRule).await, 0, "queued work is not queued twice");

    run_all(&store).await;
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.generation, r.result_version)).collect();
    assert_eq!(shown, vec![(1, 1), (1, 1)], "judged once, in the batch");
}

async fn a_batch_commit_keeps_out_what_a_retry_or_a_newer_claim_superseded(store: Store) {
    let review = submitted(&store, &["true", "false"]).await;
    plan_all(&store).await;
    let stale = store.claim_job(JobKind::ReviewBatch, -1).await.unwrap().unwrap();
    let input = store.batch_input(stale.subject_id).await.unwrap().unwrap();
    assert_eq!(input.members.len(), 2);
    let verdicts: Vec<_> =
        input.members.iter().map(|member| BatchVerdict { member, verdict: batch_verdict(member) }).collect();

    // The lease ran out and another worker took the batch: the first claim's
    // commit is refused whole.
    assert_eq!(store.requeue_expired().await.unwrap(), 1);
    let fresh = store.claim_job(JobKind::ReviewBatch, LEASE_MS).await.unwrap().unwrap();
    assert!(!store.commit_batch(&stale, &verdicts).await.unwrap());
    assert!(review.rule_tasks(&store).await.iter().all(|r| r.status == status::QUEUED));

    // The rule retried while the fresh claim judges: only its verdict is kept out.
    store.retry_review_rule(&review.caller, review.ws, review.task_id, review.rules[1]).await.unwrap();
    assert!(store.commit_batch(&fresh, &verdicts).await.unwrap());
    let now = review.rule_tasks(&store).await;
    let shown: Vec<_> = now.iter().map(|r| (r.status, r.generation)).collect();
    assert_eq!(shown, vec![(status::PASSED, 1), (status::QUEUED, 2)]);
    let judged = verdicts[0].verdict.as_ref().unwrap();
    assert_eq!((&now[0].reasoning, &now[0].anchors), (&judged.reasoning, &judged.anchors), "stored as judged");

    run_all(&store).await;
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.status, r.result_version)).collect();
    assert_eq!(shown, vec![(status::PASSED, 1), (status::NOT_PASSED, 1)]);
}

async fn a_rule_that_lost_its_expression_leaves_its_batch_for_a_judge_job(store: Store) {
    let review = submitted(&store, &["true", "false"]).await;
    plan_all(&store).await;
    drop_expression(&store, &review, 0).await;
    let claim = store.claim_job(JobKind::ReviewBatch, LEASE_MS).await.unwrap().unwrap();
    assert!(judge_batch(&store, &claim).await);
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.status, r.generation)).collect();
    assert_eq!(shown, vec![(status::QUEUED, 1), (status::NOT_PASSED, 1)]);
    assert_eq!(queued(&store, JobKind::ReviewRule).await, 1, "handed to a judge job at the same generation");

    run_all(&store).await;
    // The stand-in judge answers an error for a rule without an expression.
    assert_eq!(review.rule_tasks(&store).await[0].status, status::ERROR);
}

async fn a_claim_takes_the_first_kind_in_order_that_has_a_ready_job(store: Store) {
    // Ready: one extraction job and one plan job; no batch yet.
    submitted(&store, &["true"]).await;
    let order = [JobKind::ReviewBatch, JobKind::Extract, JobKind::ReviewPlan];
    let mut claimed = Vec::new();
    while let Some((kind, _)) = store.claim_next(&order, LEASE_MS).await.unwrap() {
        claimed.push(kind);
    }
    assert_eq!(claimed, vec![JobKind::Extract, JobKind::ReviewPlan], "each once, in the order asked");
}

async fn a_batch_judges_a_rule_deleted_since_the_plan_as_gone(store: Store) {
    let review = submitted(&store, &["true", "true"]).await;
    plan_all(&store).await;
    store
        .delete_rule(&review.caller, &RuleDeletion { workspace_id: review.ws, rule_id: review.rules[0] })
        .await
        .unwrap();
    let claim = store.claim_job(JobKind::ReviewBatch, LEASE_MS).await.unwrap().unwrap();
    let input = store.batch_input(claim.subject_id).await.unwrap().unwrap();
    let rules: Vec<_> = input.members.iter().map(|m| m.rule.as_ref().map(|r| r.rule_id)).collect();
    assert_eq!(rules, vec![None, Some(review.rules[1])]);
    let verdicts: Vec<_> =
        input.members.iter().map(|member| BatchVerdict { member, verdict: batch_verdict(member) }).collect();
    assert!(store.commit_batch(&claim, &verdicts).await.unwrap());
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| r.status).collect();
    assert_eq!(shown, vec![status::ERROR, status::PASSED], "the stand-in answers an error for a deleted rule");
}

async fn a_batch_of_a_deleted_task_ends_without_a_verdict(store: Store) {
    let review = submitted(&store, &["true"]).await;
    plan_all(&store).await;
    let claim = store.claim_job(JobKind::ReviewBatch, LEASE_MS).await.unwrap().unwrap();
    let deletion = ReviewTaskDeletion { workspace_id: review.ws, task_ids: vec![review.task_id] };
    store.delete_review_tasks(&review.caller, &deletion).await.unwrap();
    assert!(store.batch_input(claim.subject_id).await.unwrap().is_none());
    assert_eq!(queued(&store, JobKind::ReviewBatch).await, 0);
    let depth = store.queue_depth(JobKind::ReviewBatch).await.unwrap();
    assert_eq!(depth.running, 0, "deleting the task deleted its batch's job");
}

crate::support::on_both_backends!(
    a_claim_takes_the_first_kind_in_order_that_has_a_ready_job,
    a_plan_queues_expression_rules_in_batches_and_prompt_rules_one_by_one,
    a_rule_retried_while_its_batch_waits_stays_in_the_batch,
    a_batch_commit_keeps_out_what_a_retry_or_a_newer_claim_superseded,
    a_rule_that_lost_its_expression_leaves_its_batch_for_a_judge_job,
    a_batch_judges_a_rule_deleted_since_the_plan_as_gone,
    a_batch_of_a_deleted_task_ends_without_a_verdict,
);
