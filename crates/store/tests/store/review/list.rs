//! Listing review tasks: newest first, a page at a time, each with its rule
//! results counted.

use docreview_core::review::{NewReviewTask, Phase, RuleCounts};
use docreview_core::validation::Page;
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
    let queued = store.submit_review_task(caller, &again, "default").await.unwrap();
    plan_queued(&store).await;
    let waiting = store.submit_review_task(caller, &again, "default").await.unwrap();

    let first = Page { page: 1, page_size: 2 };
    let (total, rows) =
        store.review_task_summaries(caller, ws, ReviewTaskFilter::default(), Some(first)).await.unwrap();
    assert_eq!(total, 3);
    let shown: Vec<_> = rows.iter().map(|r| (r.id, r.phase, r.counts)).collect();
    let all_queued = RuleCounts { total: 2, queued: 2, open: 2, ..RuleCounts::default() };
    assert_eq!(shown, vec![(waiting, Phase::Waiting, RuleCounts::default()), (queued, Phase::Planned, all_queued)]);

    let second = Page { page: 2, page_size: 2 };
    let (total, rows) =
        store.review_task_summaries(caller, ws, ReviewTaskFilter::default(), Some(second)).await.unwrap();
    let finished = RuleCounts { total: 2, passed: 1, not_passed: 1, ..RuleCounts::default() };
    assert_eq!((total, rows.len()), (3, 1));
    assert_eq!((rows[0].id, rows[0].phase, rows[0].counts), (judged.task_id, Phase::Planned, finished));
    assert_eq!((rows[0].name.as_str(), rows[0].repo_id, rows[0].model.as_str()), ("review", task.repo_id, "default"));

    let (total, rows) = store.review_task_summaries(caller, ws, ReviewTaskFilter::default(), None).await.unwrap();
    assert_eq!((total, rows.iter().map(|r| r.id).collect::<Vec<_>>()), (3, vec![waiting, queued, judged.task_id]));

    let other_repo = ReviewTaskFilter { repo_id: Some(task.repo_id + 1), ..ReviewTaskFilter::default() };
    assert_eq!(store.review_task_summaries(caller, ws, other_repo, Some(first)).await.unwrap(), (0, vec![]));
    let window =
        ReviewTaskFilter { created_from: Some(task.created_at), created_to: Some(task.created_at), repo_id: None };
    let (_, rows) = store.review_task_summaries(caller, ws, window, None).await.unwrap();
    assert!(rows.iter().any(|r| r.id == judged.task_id) && rows.iter().all(|r| r.created_at == task.created_at));
}

crate::support::on_both_backends!(a_listing_counts_each_task_s_rule_results_a_page_at_a_time);
