//! Listing review tasks: newest first, a page at a time, each with its rule
//! results counted.

use docreview_core::review::{NewReviewTask, RuleCounts};
use docreview_core::states::{IntCode, JobKind, Phase, ReviewStatus};
use docreview_core::validation::Page;
use docreview_engine::workflow;
use docreview_store::Store;
use docreview_store::review::ReviewTaskFilter;

use super::support::{plan_queued, reviewed};

async fn a_listing_counts_each_task_s_rule_results_a_page_at_a_time(store: Store) {
    let judged = reviewed(&store, &["true", "false"]).await;
    let (caller, ws) = (&judged.caller, judged.ws);
    let task = store.review_task(caller, ws, judged.task_id).await.unwrap();
    let again = NewReviewTask {
        workspace_id: ws,
        name: "again".into(),
        repo_id: task.repo_id,
        extract_task_ids: task.extract_task_ids.clone(),
        batch_number: None,
        model: None,
    };
    let queued = workflow::submit::submit(&store, caller, &again, "default").await.unwrap();
    plan_queued(&store).await;
    let waiting = workflow::submit::submit(&store, caller, &again, "default").await.unwrap();

    let first = Page { page: 1, page_size: 2 };
    let (total, rows) = store.review_task_summaries(caller, ws, ReviewTaskFilter::default(), first).await.unwrap();
    assert_eq!(total, 3);
    let shown: Vec<_> = rows.iter().map(|r| (r.id, r.phase, r.counts)).collect();
    let all_queued = RuleCounts { total: 2, queued: 2, open: 2, ..RuleCounts::default() };
    assert_eq!(shown, vec![(waiting, Phase::Waiting, RuleCounts::default()), (queued, Phase::Planned, all_queued)]);

    let second = Page { page: 2, page_size: 2 };
    let (total, rows) = store.review_task_summaries(caller, ws, ReviewTaskFilter::default(), second).await.unwrap();
    let finished = RuleCounts { total: 2, passed: 1, not_passed: 1, ..RuleCounts::default() };
    assert_eq!((total, rows.len()), (3, 1));
    assert_eq!((rows[0].id, rows[0].phase, rows[0].counts), (judged.task_id, Phase::Planned, finished));
    assert_eq!((rows[0].name.as_str(), rows[0].repo_id, rows[0].model.as_str()), ("review", task.repo_id, "default"));

    let all = Page { page: 1, page_size: 100 };
    let (total, rows) = store.review_task_summaries(caller, ws, ReviewTaskFilter::default(), all).await.unwrap();
    assert_eq!((total, rows.iter().map(|r| r.id).collect::<Vec<_>>()), (3, vec![waiting, queued, judged.task_id]));

    let other_repo = ReviewTaskFilter { repo_id: Some(task.repo_id + 1), ..ReviewTaskFilter::default() };
    assert_eq!(store.review_task_summaries(caller, ws, other_repo, first).await.unwrap(), (0, vec![]));
    let window = ReviewTaskFilter {
        created_from: Some(task.created_at),
        created_to: Some(task.created_at),
        ..ReviewTaskFilter::default()
    };
    let (_, rows) = store.review_task_summaries(caller, ws, window, all).await.unwrap();
    assert!(rows.iter().any(|r| r.id == judged.task_id) && rows.iter().all(|r| r.created_at == task.created_at));
}

/// The database's roll-up of the status filter agrees with the one the
/// result answers, for a task in each status a review goes through, and
/// pages what it keeps.
async fn the_status_filter_rolls_up_in_the_database_as_results_do(store: Store) {
    let judged = reviewed(&store, &["true", "false", "1 / 0 == 1"]).await;
    let (caller, ws) = (&judged.caller, judged.ws);
    let task = store.review_task(caller, ws, judged.task_id).await.unwrap();
    let again = |name: &str| NewReviewTask {
        workspace_id: ws,
        name: name.into(),
        repo_id: task.repo_id,
        extract_task_ids: task.extract_task_ids.clone(),
        batch_number: None,
        model: None,
    };
    let first = workflow::submit::submit(&store, caller, &again("first"), "default").await.unwrap();
    plan_queued(&store).await;
    let second = workflow::submit::submit(&store, caller, &again("second"), "default").await.unwrap();
    plan_queued(&store).await;
    // One judge starts: its task is reviewing, the other's all queued.
    let started = store.claim_job(JobKind::ReviewRule, 60_000).await.unwrap().unwrap();
    assert!(store.start_judging(&started).await.unwrap());
    let waiting = workflow::submit::submit(&store, caller, &again("waiting"), "default").await.unwrap();

    let mut expected = Vec::new();
    for id in [waiting, second, first, judged.task_id] {
        let row = store.review_task(caller, ws, id).await.unwrap();
        expected.push((id, RuleCounts::of(&row.rule_results()).task_status(row.phase)));
    }
    let statuses: Vec<ReviewStatus> = expected.iter().map(|(_, status)| *status).collect();
    for seen in [ReviewStatus::Recognizing, ReviewStatus::Queued, ReviewStatus::Reviewing, ReviewStatus::Error] {
        assert!(statuses.contains(&seen), "{statuses:?}");
    }
    let all = Page { page: 1, page_size: 100 };
    for status in ReviewStatus::ALL {
        let filter = ReviewTaskFilter { status: Some(*status), ..ReviewTaskFilter::default() };
        let (total, rows) = store.review_task_summaries(caller, ws, filter, all).await.unwrap();
        let wanted: Vec<i64> = expected.iter().filter(|(_, s)| s == status).map(|(id, _)| *id).collect();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), wanted, "status {}", status.code());
        assert_eq!(total, wanted.len() as i64);
        for row in &rows {
            assert_eq!(row.counts.task_status(row.phase), *status, "the listed counts roll up the same");
        }
    }

    // Pages of a filtered listing, newest first, with the total of all pages.
    let filter = ReviewTaskFilter { status: Some(ReviewStatus::Error), ..ReviewTaskFilter::default() };
    let matching = statuses.iter().filter(|s| **s == ReviewStatus::Error).count() as i64;
    let (total, rows) = store.review_task_summaries(caller, ws, filter, Page { page: 1, page_size: 1 }).await.unwrap();
    assert_eq!((total, rows.len()), (matching, 1));
    let (total, rows) = store.review_task_summaries(caller, ws, filter, Page { page: 99, page_size: 1 }).await.unwrap();
    assert_eq!((total, rows.len()), (matching, 0), "past the last page: none, and still the total");
}

crate::support::on_both_backends!(
    a_listing_counts_each_task_s_rule_results_a_page_at_a_time,
    the_status_filter_rolls_up_in_the_database_as_results_do,
);
