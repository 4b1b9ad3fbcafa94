//! The job queue: exclusive claims, leases, fencing, coalescing.

use docreview_core::states::FileStatus;
use docreview_engine::workflow;
use std::collections::HashSet;

use docreview_core::workspace::{AuthScope, NewWorkspace};
use docreview_store::Store;
use docreview_store::files::{ExtractionOutcome, NewFile};
use docreview_store::jobs::{Claim, JobKind};

const LEASE_MS: i64 = 60_000;

/// A workspace with `count` uploaded files; returns their file ids.
pub(crate) async fn uploaded(store: &Store, count: usize) -> (docreview_core::Caller, i64, Vec<i64>) {
    let caller = store.create_app("jobs", Some(1)).await.unwrap().0;
    let workspace = NewWorkspace {
        name: "w".into(),
        description: String::new(),
        auth_scope: AuthScope::Private,
        enterprise_id: None,
        callback_url: String::new(),
        callback_retry_time: 0,
        date_order: Default::default(),
    };
    let ws = store.create_workspace(&caller, &workspace).await.unwrap();
    let files: Vec<NewFile> = (0..count)
        .map(|i| NewFile {
            name: format!("f{i}.txt"),
            format: "txt".into(),
            content: format!("file {i}").into_bytes(),
            rejection: None,
        })
        .collect();
    let created = store.create_files(&caller, ws, "batch-1", None, None, &serde_json::json!({}), &files).await.unwrap();
    (caller, ws, created.iter().map(|c| c.file_id).collect())
}

pub(crate) fn outcome(category: &str) -> ExtractionOutcome {
    ExtractionOutcome {
        status: FileStatus::Succeeded,
        failure_causes: None,
        category_id: None,
        category: category.to_owned(),
        format: "txt".into(),
        data: Some(Default::default()),
        pages: vec![],
        document: None,
        duration_ms: 5,
    }
}

async fn concurrent_claimers_never_share_a_job(store: Store) {
    let (_, _, files) = uploaded(&store, 20).await;
    let mut claimers = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        claimers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while let Some(claim) = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap() {
                mine.push(claim.subject_id);
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for claimer in claimers {
        all.extend(claimer.await.unwrap());
    }
    assert_eq!(all.len(), 20, "every job claimed exactly once: {all:?}");
    assert_eq!(all.iter().collect::<HashSet<_>>(), files.iter().collect::<HashSet<_>>());
    assert!(store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().is_none());
}

async fn a_completed_job_commits_once_and_a_stale_claim_is_refused(store: Store) {
    let (_, _, files) = uploaded(&store, 1).await;
    let claim = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert_eq!((claim.subject_id, claim.attempts, claim.generation), (files[0], 1, 1));
    assert!(workflow::extraction::commit(&store, &claim, &outcome("Invoice")).await.unwrap());
    assert!(
        !workflow::extraction::commit(&store, &claim, &outcome("Again")).await.unwrap(),
        "a finished claim cannot commit"
    );
    assert_eq!(store.file_result_version(files[0]).await.unwrap(), 1);
    assert_eq!(store.queue_depth(JobKind::Extract).await.unwrap().queued, 0);
}

async fn an_expired_lease_is_requeued_and_the_old_worker_is_fenced_off(store: Store) {
    let (_, _, files) = uploaded(&store, 1).await;
    let zombie = store.claim_job(JobKind::Extract, -1).await.unwrap().unwrap();
    assert_eq!(store.requeue_expired().await.unwrap(), 1);
    let fresh = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert_eq!((fresh.subject_id, fresh.attempts), (files[0], 2));
    assert!(!store.extend_lease(&zombie, LEASE_MS).await.unwrap());
    assert!(!store.set_pipeline_status(&zombie, FileStatus::Preparing).await.unwrap());
    assert!(!workflow::extraction::commit(&store, &zombie, &outcome("zombie")).await.unwrap());
    assert!(workflow::extraction::commit(&store, &fresh, &outcome("fresh")).await.unwrap());
    assert_eq!(store.file_result_version(files[0]).await.unwrap(), 1);
}

async fn a_rerun_while_running_fences_the_running_attempt_and_coalesces(store: Store) {
    let (caller, ws, files) = uploaded(&store, 1).await;
    let first = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert!(workflow::extraction::commit(&store, &first, &outcome("v1")).await.unwrap());
    let file = docreview_store::files::FileRef::File(files[0]);
    workflow::extraction::rerun(&store, &caller, ws, file, None, Some("Invoice")).await.unwrap();
    let running = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert_eq!(running.generation, 2);
    let error = workflow::extraction::rerun(&store, &caller, ws, file, None, None).await.unwrap_err();
    assert!(error.to_string().contains("still being processed"), "{error}");
    assert!(workflow::extraction::commit(&store, &running, &outcome("v2")).await.unwrap());
    assert_eq!(store.file_result_version(files[0]).await.unwrap(), 2);
}

async fn a_released_job_runs_again_after_its_delay(store: Store) {
    uploaded(&store, 1).await;
    let claim: Claim = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert!(store.release_job(&claim, 60_000, "transient").await.unwrap());
    assert!(store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().is_none(), "not before its delay");
    assert_eq!(store.queue_depth(JobKind::Extract).await.unwrap().queued, 1);
}

async fn a_failed_attempt_counts_and_a_postponed_one_does_not(store: Store) {
    uploaded(&store, 1).await;
    let first = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert!(store.release_job(&first, 0, "transient").await.unwrap());
    let second = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert_eq!(second.attempts, 2, "a failure counts");
    assert!(!store.postpone_job(&first, 0, "stale").await.unwrap(), "a stale claim cannot hand the job back");
    assert!(store.postpone_job(&second, 0, "waiting").await.unwrap());
    let third = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert_eq!(third.attempts, 1, "waiting is not a failure");
}

crate::support::on_both_backends!(
    a_failed_attempt_counts_and_a_postponed_one_does_not,
    concurrent_claimers_never_share_a_job,
    a_completed_job_commits_once_and_a_stale_claim_is_refused,
    an_expired_lease_is_requeued_and_the_old_worker_is_fenced_off,
    a_rerun_while_running_fences_the_running_attempt_and_coalesces,
    a_released_job_runs_again_after_its_delay,
);
