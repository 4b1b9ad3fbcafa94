//! Callbacks: every final status of a workspace's tasks is POSTed once to its
//! `callback_url`, signed with its secret, retried `callback_retry_time` times
//! on a failure, and listed with its attempts in `workspace/callback/list`.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use docreview_engine::pool::try_any_job;
use docreview_engine::{Callbacks, EngineSettings, FetchSettings, Judges, Outbound, Outcome};
use serde_json::{Value, json};

use crate::files::{INVOICE, create_category, upload};
use crate::helpers::{TestApp, test_settings, tools_with};

/// What a receiver got: the signature header and the body.
#[derive(Debug, Clone)]
struct Received {
    signature: String,
    body: Vec<u8>,
}

/// A callback receiver on 127.0.0.1 answering with the queued statuses, then 200.
#[derive(Clone, Default)]
struct Receiver {
    received: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Receiver {
    async fn start(answers: &[u16]) -> (Self, String) {
        let receiver = Self::default();
        receiver.answers.lock().unwrap().extend(answers);
        let router = axum::Router::new().route("/hook", post(receive)).with_state(receiver.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        (receiver, url)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers.get("x-docreview-signature").and_then(|v| v.to_str().ok()).unwrap_or_default();
    receiver.received.lock().unwrap().push(Received { signature: signature.to_owned(), body: body.to_vec() });
    let status = receiver.answers.lock().unwrap().pop_front().unwrap_or(200);
    StatusCode::from_u16(status).unwrap()
}

fn allowing_loopback() -> FetchSettings {
    FetchSettings { allow: vec!["127.0.0.1".to_owned()], ..FetchSettings::default() }
}

/// Runs jobs, callbacks sent under `fetch` with a short backoff, until
/// `done` holds (or 20 s pass), then a little longer to catch duplicates.
async fn run_until(app: &TestApp, fetch: &FetchSettings, done: impl Fn() -> bool) {
    let callbacks = Callbacks::new(Outbound::new(fetch).unwrap(), Duration::from_millis(20));
    let (tools, settings) = (tools_with(Judges::default(), callbacks), EngineSettings::default());
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut settle = None;
    loop {
        if try_any_job(&app.store, &tools, &settings).await.unwrap() == Outcome::Idle {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let now = Instant::now();
        match settle {
            None if done() => settle = Some(now + Duration::from_millis(300)),
            Some(until) if now >= until => return,
            _ => assert!(now < deadline, "callbacks not done within 20 s"),
        }
    }
}

/// A workspace calling back `url`, with an Invoice category; answers its id.
async fn workspace(app: &TestApp, url: &str, retries: i64) -> String {
    let created = app
        .ok_post(
            "/workspace/create",
            json!({"name": "hooks", "auth_scope": 0, "callback_url": url, "callback_retry_time": retries}),
        )
        .await;
    let ws = created["workspace_id"].as_str().unwrap().to_owned();
    create_category(app, &ws, "Invoice").await;
    ws
}

async fn deliveries(app: &TestApp, ws: &str) -> Vec<Value> {
    let listed = app.ok_get(&format!("/workspace/callback/list?workspace_id={ws}")).await;
    listed["deliveries"].as_array().unwrap().clone()
}

fn body(received: &Received) -> Value {
    serde_json::from_slice(&received.body).unwrap()
}

#[tokio::test]
async fn each_final_status_is_delivered_once_and_signed_with_the_workspace_secret() {
    let mut settings = test_settings();
    settings.fetch = allowing_loopback();
    let app = TestApp::spawn_with(settings).await;
    let (receiver, url) = Receiver::start(&[]).await;
    let ws = workspace(&app, &url, 0).await;
    let (_, uploaded) =
        upload(&app, &format!("workspace_id={ws}&category=Invoice&batch_number=B1"), &[("inv.txt", INVOICE.into())])
            .await;
    let extraction_task = uploaded["result"]["files"][0]["task_id"].as_str().unwrap().to_owned();
    run_until(&app, &allowing_loopback(), || receiver.received().len() == 1).await;

    let repo = app.ok_post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "Checks"})).await;
    let group = app
        .ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo["repo_id"], "name": "G"}))
        .await;
    app.ok_post(
        "/review/rule/create",
        json!({"workspace_id": ws, "repo_id": repo["repo_id"], "group_id": group["group_id"], "name": "Always",
               "prompt": "p", "expression": "true"}),
    )
    .await;
    let submitted = app
        .ok_post(
            "/review/task/submit",
            json!({"workspace_id": ws, "name": "r", "repo_id": repo["repo_id"],
                                               "batch_number": "B1"}),
        )
        .await;
    run_until(&app, &allowing_loopback(), || receiver.received().len() == 2).await;

    let received = receiver.received();
    assert_eq!(received.len(), 2, "one event per final status: {received:?}");
    let (extraction, review) = (body(&received[0]), body(&received[1]));
    assert_eq!(
        (extraction["event"].as_str(), extraction["task_id"].as_str(), extraction["recognition_status"].as_i64()),
        (Some("extraction.finished"), Some(extraction_task.as_str()), Some(1)),
        "{extraction}"
    );
    assert_eq!(
        (review["event"].as_str(), review["task_id"].clone(), review["status"].as_i64()),
        (Some("review.finished"), submitted["task_id"].clone(), Some(1)),
        "{review}"
    );
    assert_eq!(review["statistics"]["pass_count"], 1);
    let secret =
        app.ok_get(&format!("/workspace/get?workspace_id={ws}")).await["callback_secret"].as_str().unwrap().to_owned();
    assert_eq!(secret.len(), 64);
    for event in &received {
        assert!(docreview_core::callback::verify(&secret, &event.signature, &event.body), "{event:?}");
        assert!(!docreview_core::callback::verify("another secret", &event.signature, &event.body));
    }
    let listed = deliveries(&app, &ws).await;
    assert_eq!(listed.len(), 2);
    for delivery in listed {
        assert_eq!(
            (delivery["state"].as_str(), delivery["attempts"].as_i64(), delivery["last_status_code"].as_i64()),
            (Some("delivered"), Some(1), Some(200)),
            "{delivery}"
        );
    }
}

#[tokio::test]
async fn a_failed_delivery_is_retried_until_it_is_accepted() {
    let mut settings = test_settings();
    settings.fetch = allowing_loopback();
    let app = TestApp::spawn_with(settings).await;
    let (receiver, url) = Receiver::start(&[500, 503]).await;
    let ws = workspace(&app, &url, 3).await;
    upload(&app, &format!("workspace_id={ws}&category=Invoice"), &[("inv.txt", INVOICE.into())]).await;
    run_until(&app, &allowing_loopback(), || receiver.received().len() == 3).await;

    let received = receiver.received();
    assert_eq!(received.len(), 3, "two failures, then accepted");
    assert!(received.iter().all(|r| r.body == received[0].body), "the same event each time");
    let delivery = &deliveries(&app, &ws).await[0];
    assert_eq!(
        (delivery["state"].as_str(), delivery["attempts"].as_i64(), delivery["max_attempts"].as_i64()),
        (Some("delivered"), Some(3), Some(4)),
        "{delivery}"
    );
    assert_eq!(delivery["last_status_code"], 200);
}

#[tokio::test]
async fn a_delivery_is_given_up_after_the_configured_retries() {
    let mut settings = test_settings();
    settings.fetch = allowing_loopback();
    let app = TestApp::spawn_with(settings).await;
    let (receiver, url) = Receiver::start(&[500; 10]).await;
    let ws = workspace(&app, &url, 1).await;
    upload(&app, &format!("workspace_id={ws}&category=Invoice"), &[("inv.txt", INVOICE.into())]).await;
    run_until(&app, &allowing_loopback(), || receiver.received().len() == 2).await;

    assert_eq!(receiver.received().len(), 2, "one try and one retry");
    let delivery = &deliveries(&app, &ws).await[0];
    assert_eq!(
        (delivery["state"].as_str(), delivery["attempts"].as_i64(), delivery["last_status_code"].as_i64()),
        (Some("failed"), Some(2), Some(500)),
        "{delivery}"
    );
    assert!(delivery["last_error"].as_str().unwrap().contains("500"), "{delivery}");
}

#[tokio::test]
async fn a_callback_to_an_internal_address_is_refused_unless_allowed() {
    let app = TestApp::spawn().await;
    let (receiver, url) = Receiver::start(&[]).await;
    let ws = workspace(&app, &url, 0).await;
    upload(&app, &format!("workspace_id={ws}&category=Invoice"), &[("inv.txt", INVOICE.into())]).await;
    // Run every job, the delivery's included, until none is left.
    let callbacks = Callbacks::new(Outbound::default(), Duration::from_millis(20));
    let (tools, settings) = (tools_with(Judges::default(), callbacks), EngineSettings::default());
    while try_any_job(&app.store, &tools, &settings).await.unwrap() == Outcome::Worked {}

    assert!(receiver.received().is_empty());
    let delivery = &deliveries(&app, &ws).await[0];
    assert_eq!(delivery["state"], "failed", "{delivery}");
    let error = delivery["last_error"].as_str().unwrap();
    assert!(error.contains("loopback") && error.contains("fetch.allow"), "{error}");
}
