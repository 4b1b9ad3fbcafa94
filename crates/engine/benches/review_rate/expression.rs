//! The deterministic-rule figures of DESIGN §7: the bare in-memory judge rate
//! of one rule over the example invoice, and the end-to-end rate of reviews
//! whose every rule is that expression, from submit until every rule task has
//! its verdict: one review at a time, and several submitted together (as a
//! busy service sees them), which lets one review's judging overlap
//! another's writes.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use docreview_core::review::NewReviewTask;
use docreview_core::states::RuleResult;
use docreview_engine::workflow;
use docreview_judge::{ExpressionLimits, VerdictResult, compile, evaluate};
use docreview_store::Store;
use docreview_store::jobs::JobKind;
use tokio::sync::Notify;

use crate::seed::Workspace;
use crate::stats::median;

/// The rule of both figures: the README's tax check.
pub const RULE: &str = r#"money_eq(doc.Invoice.fields["Tax Amount"], money(doc.Invoice.fields["Net Amount"]) * percent(doc.Invoice.fields["Tax Rate"]))"#;

/// Evaluations per second of the compiled rule over the invoice, one thread:
/// the median of `runs` runs of `run_time` each.
pub fn bare_rate(ws: &Workspace, runs: usize, run_time: Duration) -> f64 {
    let program = compile(RULE).unwrap();
    let limits = ExpressionLimits::default();
    assert_eq!(evaluate(&program, &ws.invoice, &limits).result, VerdictResult::Passed);
    for _ in 0..1_000 {
        black_box(evaluate(&program, &ws.invoice, &limits));
    }
    let rates = (0..runs).map(|_| {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < run_time {
            for _ in 0..256 {
                black_box(evaluate(black_box(&program), black_box(&ws.invoice), &limits));
            }
            n += 256;
        }
        n as f64 / start.elapsed().as_secs_f64()
    });
    median(rates.collect())
}

/// Rule evaluations per second end to end, `at_once` reviews of `repo_id`'s
/// `rules` rules per run, submitted together: submit, plan (which judges),
/// commit, measured until no plan or judge job is left. The verdicts are
/// checked after each run.
pub async fn end_to_end_rates(
    store: &Store,
    wake: &Arc<Notify>,
    ws: &Workspace,
    repo_id: i64,
    (rules, at_once): (usize, usize),
    runs: usize,
) -> Vec<f64> {
    let mut rates = Vec::with_capacity(runs);
    for run in 0..runs {
        let elapsed = timed_reviews(store, wake, ws, repo_id, &format!("run {run}"), (rules, at_once)).await;
        rates.push((rules * at_once) as f64 / elapsed.as_secs_f64());
    }
    rates
}

/// Submits `at_once` reviews of `repo_id` over the workspace's batch and
/// times them until no job is left; checks every one of their `rules` rule
/// tasks passed.
pub async fn timed_reviews(
    store: &Store,
    wake: &Arc<Notify>,
    ws: &Workspace,
    repo_id: i64,
    name: &str,
    (rules, at_once): (usize, usize),
) -> Duration {
    let new = NewReviewTask {
        workspace_id: ws.workspace_id,
        name: name.to_owned(),
        repo_id,
        extract_task_ids: vec![],
        batch_number: Some(ws.batch.clone()),
        model: None,
    };
    let start = Instant::now();
    let mut task_ids = Vec::with_capacity(at_once);
    for _ in 0..at_once {
        task_ids.push(workflow::submit::submit(store, &ws.caller, &new, "default").await.unwrap());
        wake.notify_waiters();
    }
    wait_until_idle(store).await;
    let elapsed = start.elapsed();
    for task_id in task_ids {
        let task = store.review_task(&ws.caller, ws.workspace_id, task_id).await.unwrap();
        assert_eq!(task.rule_tasks.len(), rules, "one rule task per rule");
        let failed = task.rule_tasks.iter().find(|r| r.status != RuleResult::Passed);
        assert!(failed.is_none(), "every rule passed: {failed:?}");
    }
    elapsed
}

/// Waits until no plan or judge job is queued or running. The plan job is
/// read first: it is done only once its judge jobs are queued. Polls
/// every 5 ms: more often, the polling itself takes a good share of the two
/// cores the review runs on.
async fn wait_until_idle(store: &Store) {
    let deadline = Instant::now() + Duration::from_secs(600);
    'wait: loop {
        assert!(Instant::now() < deadline, "the review did not finish within ten minutes");
        for kind in [JobKind::ReviewPlan, JobKind::ReviewRule] {
            let depth = store.queue_depth(kind).await.unwrap();
            if depth.queued + depth.running > 0 {
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue 'wait;
            }
        }
        return;
    }
}
