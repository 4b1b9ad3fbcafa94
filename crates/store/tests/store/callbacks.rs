//! Callback deliveries: recorded with the final status that owes them, one
//! per final status, attempts recorded, retried or ended as the workspace says.

use docreview_core::workspace::{AuthScope, NewWorkspace};
use docreview_engine::workflow;
use docreview_store::Store;
use docreview_store::callbacks::{Attempt, state};
use docreview_store::files::NewFile;
use docreview_store::jobs::JobKind;

use crate::jobs::outcome;

const LEASE_MS: i64 = 60_000;

/// A workspace calling back with `retries`, and one uploaded file.
async fn uploaded(store: &Store, url: &str, retries: i64) -> (docreview_core::Caller, i64) {
    let caller = store.create_app("hooks", Some(1)).await.unwrap().0;
    let workspace = NewWorkspace {
        name: "w".into(),
        description: String::new(),
        auth_scope: AuthScope::Private,
        enterprise_id: None,
        callback_url: url.into(),
        callback_retry_time: retries,
        date_order: Default::default(),
    };
    let ws = store.create_workspace(&caller, &workspace).await.unwrap();
    let file = NewFile { name: "f.txt".into(), format: "txt".into(), content: b"x".to_vec(), rejection: None };
    store.create_files(&caller, ws, "b", None, None, &serde_json::json!({}), &[file]).await.unwrap();
    (caller, ws)
}

async fn finish_extraction(store: &Store) {
    let claim = store.claim_job(JobKind::Extract, LEASE_MS).await.unwrap().unwrap();
    assert!(workflow::extraction::commit(store, &claim, &outcome("Invoice")).await.unwrap());
}

async fn a_final_status_records_one_delivery_and_queues_its_job(store: Store) {
    let (caller, ws) = uploaded(&store, "http://receiver.example/hook", 2).await;
    finish_extraction(&store).await;
    let page = docreview_core::validation::Page::parse(None, None, 20).unwrap();
    let (total, listed) = store.list_deliveries(&caller, ws, page).await.unwrap();
    assert_eq!(total, 1);
    let delivery = &listed[0];
    assert_eq!(
        (delivery.event.as_str(), delivery.state.as_str(), delivery.attempts, delivery.max_attempts),
        ("extraction.finished", state::PENDING, 0, 3)
    );
    let payload: serde_json::Value = serde_json::from_str(&delivery.payload).unwrap();
    assert_eq!(payload["delivery_id"], delivery.id.to_string());
    assert_eq!(store.queue_depth(JobKind::Callback).await.unwrap().queued, 1);
    let (_, secret) = store.delivery_to_send(delivery.id).await.unwrap().unwrap();
    assert_eq!(secret.len(), 64, "each workspace has its secret");
}

async fn a_workspace_without_a_callback_url_owes_nothing(store: Store) {
    let (caller, ws) = uploaded(&store, "", 0).await;
    finish_extraction(&store).await;
    let page = docreview_core::validation::Page::parse(None, None, 20).unwrap();
    assert_eq!(store.list_deliveries(&caller, ws, page).await.unwrap().0, 0);
    assert_eq!(store.queue_depth(JobKind::Callback).await.unwrap().queued, 0);
}

async fn failed_attempts_retry_until_the_last_then_fail(store: Store) {
    let (caller, ws) = uploaded(&store, "http://receiver.example/hook", 1).await;
    finish_extraction(&store).await;
    let refused = Attempt { status_code: Some(500), error: Some("answered HTTP 500".into()) };
    let first = store.claim_job(JobKind::Callback, LEASE_MS).await.unwrap().unwrap();
    assert!(store.record_attempt(&first, &refused, 0).await.unwrap());
    assert!(!store.record_attempt(&first, &refused, 0).await.unwrap(), "a stale claim records nothing");
    let second = store.claim_job(JobKind::Callback, LEASE_MS).await.unwrap().unwrap();
    assert!(store.record_attempt(&second, &refused, 0).await.unwrap());
    assert!(store.claim_job(JobKind::Callback, LEASE_MS).await.unwrap().is_none(), "no attempt is left");
    let page = docreview_core::validation::Page::parse(None, None, 20).unwrap();
    let delivery = &store.list_deliveries(&caller, ws, page).await.unwrap().1[0];
    assert_eq!((delivery.state.as_str(), delivery.attempts, delivery.last_status_code), (state::FAILED, 2, Some(500)));
}

async fn an_accepted_attempt_delivers(store: Store) {
    let (caller, ws) = uploaded(&store, "http://receiver.example/hook", 3).await;
    finish_extraction(&store).await;
    let claim = store.claim_job(JobKind::Callback, LEASE_MS).await.unwrap().unwrap();
    assert!(store.record_attempt(&claim, &Attempt { status_code: Some(204), error: None }, 0).await.unwrap());
    assert!(store.claim_job(JobKind::Callback, LEASE_MS).await.unwrap().is_none());
    let page = docreview_core::validation::Page::parse(None, None, 20).unwrap();
    let delivery = &store.list_deliveries(&caller, ws, page).await.unwrap().1[0];
    assert_eq!((delivery.state.as_str(), delivery.attempts), (state::DELIVERED, 1));
}

crate::support::on_both_backends!(
    a_final_status_records_one_delivery_and_queues_its_job,
    a_workspace_without_a_callback_url_owes_nothing,
    failed_attempts_retry_until_the_last_then_fail,
    an_accepted_attempt_delivers,
);
