//! The history of rule tasks: what retries and re-plans keep of the results
//! they overwrite.

use docreview_core::review::ReviewTaskDeletion;
use docreview_core::rules::RuleDeletion;
use docreview_core::states::RuleResult;
use docreview_engine::workflow;
use docreview_store::jobs::JobKind;
use docreview_store::review::RuleTaskHistory;
use docreview_store::{ObjectKind, Store};

use super::support::{
    Reviewed, judged_reasoning, plan_queued, repository_rules, reviewed, run_all, submitted, unjudged, verdict,
};
use crate::assert_not_found;

async fn history(store: &Store, review: &Reviewed, rule_task_id: i64) -> RuleTaskHistory {
    store.rule_task_history(&review.caller, review.ws, review.task_id, rule_task_id).await.unwrap()
}

async fn a_task_retry_keeps_every_finished_result_as_history(store: Store) {
    let review = reviewed(&store, &["true", "false"]).await;
    let before = review.rule_tasks(&store).await;
    assert_eq!(before.iter().map(|r| r.status).collect::<Vec<_>>(), vec![RuleResult::Passed, RuleResult::NotPassed]);
    assert!(history(&store, &review, before[0].id).await.runs.is_empty(), "no history before a retry");

    review.set_expression(&store, 0, "false").await;
    review.set_expression(&store, 1, "true").await;
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    let reset = review.rule_tasks(&store).await;
    assert!(reset.iter().all(|r| r.status == RuleResult::Queued && r.reasoning.is_empty() && r.anchors.is_empty()));
    let first = history(&store, &review, before[0].id).await;
    assert_eq!((first.rule_task_id, first.rule_id, first.dropped), (before[0].id, review.rules[0], false));
    let [run] = first.runs.as_slice() else { panic!("one run: {first:?}") };
    assert_eq!(
        (run.run, run.status, run.reasoning.as_str()),
        (1, RuleResult::Passed, judged_reasoning("true").as_str())
    );
    assert_eq!((run.rule_name.as_str(), run.prompt.as_str()), ("rule 0 as true", "prompt 0"));
    assert_eq!((run.expression.as_deref(), &run.anchors), (Some("true"), &before[0].anchors));
    assert!(run.finished_at > 0);

    run_all(&store).await;
    let after = review.rule_tasks(&store).await;
    assert_eq!(after.iter().map(|r| r.status).collect::<Vec<_>>(), vec![RuleResult::NotPassed, RuleResult::Passed]);
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    run_all(&store).await;
    let runs = history(&store, &review, before[1].id).await.runs;
    let summary: Vec<_> = runs.iter().map(|r| (r.run, r.status, r.expression.as_deref().unwrap_or(""))).collect();
    assert_eq!(summary, vec![(2, RuleResult::Passed, "true"), (1, RuleResult::NotPassed, "false")], "newest first");
    assert!(runs[0].generation > runs[1].generation);
    assert!(runs[0].finished_at >= runs[1].finished_at);
}

async fn a_rule_retry_adds_history_for_that_rule_only(store: Store) {
    let review = reviewed(&store, &["true", "true"]).await;
    let tasks = review.rule_tasks(&store).await;
    review.set_expression(&store, 0, "false").await;
    workflow::retry::retry_rule(&store, &review.caller, review.ws, review.task_id, review.rules[0]).await.unwrap();
    run_all(&store).await;
    let retried = history(&store, &review, tasks[0].id).await;
    assert_eq!(retried.runs.iter().map(|r| r.status).collect::<Vec<_>>(), vec![RuleResult::Passed]);
    assert!(history(&store, &review, tasks[1].id).await.runs.is_empty());
    assert_eq!(review.rule_tasks(&store).await[0].status, RuleResult::NotPassed);
}

async fn retries_of_queued_or_running_work_add_no_history(store: Store) {
    let review = submitted(&store, &["true", "false"]).await;
    plan_queued(&store).await;
    let tasks = review.rule_tasks(&store).await;
    assert!(tasks.iter().all(|r| r.status == RuleResult::Queued));
    workflow::retry::retry_rule(&store, &review.caller, review.ws, review.task_id, review.rules[0]).await.unwrap();
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    plan_queued(&store).await;

    // A judge that has started holds no result yet; the retry fences it off
    // and queues the rule task again.
    let running = store.claim_job(JobKind::ReviewRule, 60_000).await.unwrap().unwrap();
    assert_eq!(running.subject_id, tasks[0].id, "judge jobs are claimed in plan order");
    let input = store.judge_input(running.subject_id).await.unwrap().unwrap();
    assert!(store.start_judging(&running).await.unwrap());
    workflow::retry::retry_rule(&store, &review.caller, review.ws, review.task_id, review.rules[0]).await.unwrap();
    let fenced =
        workflow::judge::commit(&store, &running, &verdict(input.rule.as_ref()), input.rule.as_ref()).await.unwrap();
    assert!(!fenced, "the running judge's verdict is discarded");
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.status, r.result_version)).collect();
    assert_eq!(shown, vec![(RuleResult::Queued, 0), (RuleResult::Queued, 0)]);

    run_all(&store).await;
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.status, r.result_version)).collect();
    assert_eq!(shown, vec![(RuleResult::Passed, 1), (RuleResult::NotPassed, 1)], "each rule task judged once");
    for task in &tasks {
        assert!(history(&store, &review, task.id).await.runs.is_empty(), "nothing had finished");
    }
}

async fn a_rule_task_dropped_by_a_re_plan_keeps_its_history(store: Store) {
    let review = reviewed(&store, &["true", "false"]).await;
    let tasks = review.rule_tasks(&store).await;

    // Not triggered by the next plan: dropped from the result, history kept.
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    let plan = store.claim_job(JobKind::ReviewPlan, 60_000).await.unwrap().unwrap();
    let mut rules = repository_rules(&store, &plan).await;
    rules.truncate(1);
    assert!(workflow::plan::commit(&store, &plan, &unjudged(rules), 1).await.unwrap());
    run_all(&store).await;
    assert_eq!(review.rule_tasks(&store).await.iter().map(|r| r.id).collect::<Vec<_>>(), vec![tasks[0].id]);
    let dropped = history(&store, &review, tasks[1].id).await;
    assert!(dropped.dropped);
    assert_eq!(dropped.runs.iter().map(|r| r.status).collect::<Vec<_>>(), vec![RuleResult::NotPassed]);
    assert_not_found(
        workflow::retry::retry_rule(&store, &review.caller, review.ws, review.task_id, review.rules[1]).await,
        ObjectKind::RuleTask,
    );

    // Triggered again: the same rule task takes up where its history left off.
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    run_all(&store).await;
    assert_eq!(
        review.rule_tasks(&store).await.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![tasks[0].id, tasks[1].id]
    );
    workflow::retry::retry_rule(&store, &review.caller, review.ws, review.task_id, review.rules[1]).await.unwrap();
    let revived = history(&store, &review, tasks[1].id).await;
    assert!(!revived.dropped);
    assert_eq!(revived.runs.iter().map(|r| r.run).collect::<Vec<_>>(), vec![2, 1]);

    // Deleted: the same, and the history stays until the task is deleted.
    store
        .delete_rule(&review.caller, &RuleDeletion { workspace_id: review.ws, rule_id: review.rules[1] })
        .await
        .unwrap();
    workflow::retry::retry_task(&store, &review.caller, review.ws, review.task_id).await.unwrap();
    run_all(&store).await;
    let deleted = history(&store, &review, tasks[1].id).await;
    assert!(deleted.dropped);
    assert_eq!(deleted.runs.len(), 2, "the retry found the rule task queued, not finished: {deleted:?}");
}

async fn history_is_read_only_through_its_own_live_task(store: Store) {
    let review = reviewed(&store, &["true"]).await;
    let other = reviewed(&store, &["true"]).await;
    let own = review.rule_tasks(&store).await[0].id;
    let foreign = other.rule_tasks(&store).await[0].id;
    assert_not_found(
        store.rule_task_history(&review.caller, review.ws, review.task_id, foreign).await,
        ObjectKind::RuleTask,
    );
    assert_not_found(store.rule_task_history(&review.caller, review.ws, 404, own).await, ObjectKind::ReviewTask);
    assert_not_found(
        store.rule_task_history(&other.caller, other.ws, review.task_id, own).await,
        ObjectKind::ReviewTask,
    );
    assert_not_found(
        store.rule_task_history(&other.caller, review.ws, review.task_id, own).await,
        ObjectKind::Workspace,
    );
    let deletion = ReviewTaskDeletion { workspace_id: review.ws, task_ids: vec![review.task_id] };
    store.delete_review_tasks(&review.caller, &deletion).await.unwrap();
    assert_not_found(
        store.rule_task_history(&review.caller, review.ws, review.task_id, own).await,
        ObjectKind::ReviewTask,
    );
}

crate::support::on_both_backends!(
    a_task_retry_keeps_every_finished_result_as_history,
    a_rule_retry_adds_history_for_that_rule_only,
    retries_of_queued_or_running_work_add_no_history,
    a_rule_task_dropped_by_a_re_plan_keeps_its_history,
    history_is_read_only_through_its_own_live_task,
);
