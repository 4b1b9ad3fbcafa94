//! Rule expressions that would take more than their share, over HTTP: refused
//! when saved, with the limit named, while the server keeps answering; and
//! stopped with the limit named when a review runs one.

use std::time::{Duration, Instant};

use docreview_engine::Judges;
use docreview_judge::ExpressionLimits;
use serde_json::{Value, json};

use crate::files::{INVOICE, upload, workspace_with_category};
use crate::helpers::{TestApp, assert_error};
use crate::review::run_all_with;

/// A workspace with an Invoice category, and a rule repository and group in it.
async fn rule_group(app: &TestApp) -> Value {
    let ws = workspace_with_category(app).await;
    let repo = app.ok_post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "Checks"})).await;
    let repo = repo["repo_id"].clone();
    let group =
        app.ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo, "name": "G"})).await;
    json!({"workspace_id": ws, "repo_id": repo, "group_id": group["group_id"], "prompt": "p"})
}

fn rule(base: &Value, name: &str, expression: &str) -> Value {
    let mut body = base.clone();
    body["name"] = json!(name);
    body["expression"] = json!(expression);
    body
}

/// `"a"` followed by ten `.replace("a", "aaaaaaaaaa")`.
fn growing_string() -> String {
    format!("size('a'{}) > 0", ".replace('a', 'aaaaaaaaaa')".repeat(10))
}

/// Two nested loops of 1,900 steps each, within the 4,000 characters of an expression.
fn nested_loops() -> String {
    format!("'{}'.split('').all(a, '{}'.split('').all(b, a != b))", "x".repeat(1900), "y".repeat(1900))
}

/// The slowest `GET /livez` while `work` runs.
async fn slowest_livez_during<T>(app: &TestApp, work: impl std::future::Future<Output = T>) -> (T, Duration) {
    let (http, url) = (app.http.clone(), format!("{}/livez", app.address));
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let probe = tokio::spawn(async move {
        let mut slowest = Duration::ZERO;
        while stopped.try_recv().is_err() {
            let started = Instant::now();
            assert!(http.get(&url).send().await.unwrap().status().is_success());
            slowest = slowest.max(started.elapsed());
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        slowest
    });
    let output = work.await;
    let _ = stop.send(());
    (output, probe.await.unwrap())
}

#[tokio::test]
async fn an_expression_that_grows_a_string_is_refused_naming_the_limit() {
    let app = TestApp::spawn().await;
    let base = rule_group(&app).await;
    let (status, envelope) = app.post("/review/rule/create", rule(&base, "Grows", &growing_string())).await;
    assert_error(status, &envelope, 400, &["expression: `replace` may build a value", "limits.expression_value_bytes"]);
}

#[tokio::test]
async fn nested_loops_are_refused_at_once_and_the_server_keeps_answering() {
    let app = TestApp::spawn().await;
    let base = rule_group(&app).await;
    let started = Instant::now();
    let ((status, envelope), slowest) =
        slowest_livez_during(&app, app.post("/review/rule/create", rule(&base, "Loops", &nested_loops()))).await;
    assert_error(status, &envelope, 400, &["expression: the expression may cost up to", "limits.expression_cost"]);
    assert!(started.elapsed() < Duration::from_secs(2), "refused by its estimate, not by running it");
    assert!(slowest < Duration::from_millis(100), "/livez took {slowest:?}");
    let got = app
        .ok_get(&format!(
            "/review/rule_repo/get?workspace_id={}&repo_id={}",
            base["workspace_id"].as_str().unwrap(),
            base["repo_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(got["groups"][0]["rules"], json!([]), "nothing stored");
}

#[tokio::test]
async fn a_rule_update_is_checked_as_a_rule_create_is() {
    let app = TestApp::spawn().await;
    let base = rule_group(&app).await;
    let created = app.ok_post("/review/rule/create", rule(&base, "Fine", "true")).await;
    let update =
        json!({"workspace_id": base["workspace_id"], "rule_id": created["rule_id"], "expression": nested_loops()});
    let (status, envelope) = app.post("/review/rule/update", update).await;
    assert_error(status, &envelope, 400, &["limits.expression_cost"]);
}

#[tokio::test]
async fn a_review_stops_a_costly_rule_as_an_error_naming_the_limit() {
    let app = TestApp::spawn().await;
    let base = rule_group(&app).await;
    let ws = base["workspace_id"].as_str().unwrap().to_owned();
    upload(&app, &format!("workspace_id={ws}&category=Invoice&batch_number=B1"), &[("inv.txt", INVOICE.into())]).await;
    app.ok_post("/review/rule/create", rule(&base, "Costly", "lists.range(5000).all(i, i >= 0)")).await;
    app.ok_post("/review/rule/create", rule(&base, "Cheap", "money(doc.Invoice.fields.Total) > 1000.0")).await;
    let submitted = app
        .ok_post(
            "/review/task/submit",
            json!({"workspace_id": ws, "name": "Q3", "repo_id": base["repo_id"], "batch_number": "B1"}),
        )
        .await;

    // The rule was within the limits it was saved under, not within these.
    let limits = ExpressionLimits { cost: 1_000, ..ExpressionLimits::default() };
    run_all_with(&app, Judges::new(&[], limits).unwrap()).await;

    let result = app.ok_post("/review/task/result", json!({"workspace_id": ws, "task_id": submitted["task_id"]})).await;
    assert_eq!(result["status"], 2, "{result}");
    let rules = result["groups"][0]["review_tasks"].as_array().unwrap();
    let costly = rules.iter().find(|r| r["rule_name"] == "Costly").unwrap();
    assert_eq!(costly["review_result"], 2);
    let reasoning = costly["reasoning"].as_str().unwrap();
    assert!(reasoning.contains("more than 1000 cost units (limit `limits.expression_cost`)"), "{reasoning}");
    let cheap = rules.iter().find(|r| r["rule_name"] == "Cheap").unwrap();
    assert_eq!(cheap["review_result"], 1, "the other rule of the review is judged as usual");
}
