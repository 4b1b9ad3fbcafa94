//! Review tasks over HTTP: submit, result, retry, rule retry, delete, list;
//! the history of rule tasks and retry storms in the submodules. Jobs are run
//! by the test itself until none is left.

mod history;
mod storm;

use std::time::Duration;

use docreview_engine::Outcome;
use docreview_engine::pool::try_any_job;
use docreview_engine::{EngineSettings, Judges};
use serde_json::{Value, json};

use crate::files::{INVOICE, create_category, upload, workspace_with_category};
use crate::helpers::{TestApp, assert_error, tools};

pub(crate) async fn run_all(app: &TestApp) {
    run_all_with(app, Judges::default()).await;
}

/// Runs jobs with `judges` until none is left.
pub(crate) async fn run_all_with(app: &TestApp, judges: Judges) {
    let (tools, settings) = (tools(judges), EngineSettings::default());
    loop {
        if try_any_job(&app.store, &tools, &settings).await.unwrap() == Outcome::Idle {
            // A plan waiting on its inputs hands its job back with a short delay.
            if app.store.queue_depth(docreview_store::jobs::JobKind::ReviewPlan).await.unwrap().queued == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

struct Review {
    ws: String,
    task_id: String,
    rules: Vec<String>,
}

/// An uploaded invoice and a repository with four rules: one that passes, one
/// that does not, one for a category the documents lack, one without expression.
async fn reviewed(app: &TestApp) -> Review {
    let ws = workspace_with_category(app).await;
    upload(app, &format!("workspace_id={ws}&category=Invoice&batch_number=B1"), &[("inv.txt", INVOICE.into())]).await;
    let repo = app.ok_post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "Checks"})).await;
    let repo = repo["repo_id"].as_str().unwrap().to_owned();
    let group =
        app.ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo, "name": "Amounts"})).await;
    let group = group["group_id"].as_str().unwrap().to_owned();
    let contract = create_category(app, &ws, "Contract").await;
    let mut rules = Vec::new();
    for (name, expression, categories) in [
        ("Total above 1000", Some(r#"money(doc.Invoice.fields["Total"]) > 1000.0"#), json!([])),
        ("Total above 5000", Some(r#"money(doc.Invoice.fields["Total"]) > 5000.0"#), json!([])),
        ("Contracts only", Some("true"), json!([contract])),
        ("Ask a model", None, json!([])),
    ] {
        let mut body = json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": name,
                              "prompt": name, "category_ids": categories});
        if let Some(expression) = expression {
            body["expression"] = json!(expression);
        }
        rules.push(app.ok_post("/review/rule/create", body).await["rule_id"].as_str().unwrap().to_owned());
    }
    let submitted = app
        .ok_post(
            "/review/task/submit",
            json!({"workspace_id": ws, "name": "Q3 invoices", "repo_id": repo, "batch_number": "B1"}),
        )
        .await;
    let task_id = submitted["task_id"].as_str().unwrap().to_owned();
    Review { ws, task_id, rules }
}

async fn result(app: &TestApp, review: &Review) -> Value {
    app.ok_post("/review/task/result", json!({"workspace_id": review.ws, "task_id": review.task_id})).await
}

fn verdicts(result: &Value) -> Vec<(String, i64)> {
    result["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["review_tasks"].as_array().unwrap().iter())
        .map(|r| (r["rule_name"].as_str().unwrap().to_owned(), r["review_result"].as_i64().unwrap()))
        .collect()
}

#[tokio::test]
async fn a_review_judges_triggered_rules_and_rolls_up_the_task() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    let pending = result(&app, &review).await;
    assert_eq!(pending["status"], 5, "inputs still extracting: {pending}");
    run_all(&app).await;

    let done = result(&app, &review).await;
    assert_eq!(done["status"], 2, "a rule without a judge is an error: {done}");
    assert_eq!(
        done["statistics"],
        json!({"pass_count": 1, "failure_count": 1, "error_count": 1, "not_triggered_count": 1})
    );
    assert_eq!(
        verdicts(&done),
        vec![("Total above 1000".into(), 1), ("Total above 5000".into(), 4), ("Ask a model".into(), 2)]
    );
    assert_eq!(done["rule_repo"]["name"], "Checks");
    assert_eq!(done["extract_task_ids"].as_array().unwrap().len(), 1);
    let passed = &done["groups"][0]["review_tasks"][0];
    let reasoning = passed["reasoning"].as_str().unwrap();
    assert!(reasoning.contains("1,234.50"), "{reasoning}");
    let anchor = &passed["anchors"][0];
    let (start, end) = (anchor["start_pos"].as_u64().unwrap() as usize, anchor["end_pos"].as_u64().unwrap() as usize);
    let mentioned: String = reasoning.chars().skip(start).take(end - start).collect();
    assert_eq!(mentioned, anchor["text"].as_str().unwrap());
    assert_eq!((anchor["source"].as_str(), anchor["field_name"].as_str()), (Some("extract_field"), Some("Total")));
    assert_eq!(anchor["vertices"].as_array().unwrap().len(), 8);
    let error = &done["groups"][0]["review_tasks"][2];
    assert!(error["reasoning"].as_str().unwrap().contains("no model is configured"), "{error}");
}

#[tokio::test]
async fn retries_use_the_current_rules_and_the_current_extraction() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    run_all(&app).await;
    let ws = &review.ws;

    // Fix the rule that had no judge, and retry only that rule.
    app.ok_post("/review/rule/update", json!({"workspace_id": ws, "rule_id": review.rules[3], "expression": "true"}))
        .await;
    app.ok_post(
        "/review/task/rule/retry",
        json!({"workspace_id": ws, "task_id": review.task_id, "rule_id": review.rules[3]}),
    )
    .await;
    run_all(&app).await;
    let after_rule_retry = result(&app, &review).await;
    assert_eq!(verdicts(&after_rule_retry)[2], ("Ask a model".into(), 1));
    assert_eq!(after_rule_retry["status"], 4, "one rule still does not pass");

    // Correct the invoice's total, then retry the whole task.
    let files = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    let file_id = files["files"][0]["id"].as_str().unwrap();
    let corrected =
        json!([{"workspace_id": ws, "file_id": file_id, "data": {"fields": [{"key": "Total", "value": "6,000.00"}]}}]);
    app.ok_post("/file/update", corrected).await;
    app.ok_post("/review/task/retry", json!({"workspace_id": ws, "task_id": review.task_id})).await;
    assert_eq!(result(&app, &review).await["status"], 5, "a retry re-plans");
    run_all(&app).await;
    let after_retry = result(&app, &review).await;
    assert_eq!(after_retry["status"], 1, "{after_retry}");
    assert!(verdicts(&after_retry).iter().all(|(_, v)| *v == 1));
}

#[tokio::test]
async fn retrying_a_foreign_rule_or_a_deleted_task_is_refused_clearly() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    run_all(&app).await;
    let ws = &review.ws;
    let (status, envelope) = app
        .post(
            "/review/task/rule/retry",
            json!({"workspace_id": ws, "task_id": review.task_id, "rule_id": review.rules[2]}),
        )
        .await;
    assert_error(status, &envelope, 1_005_040_001, &["is not part of review task"]);

    app.ok_post("/review/task/delete", json!({"workspace_id": ws, "task_ids": [review.task_id]})).await;
    let (status, envelope) =
        app.post("/review/task/retry", json!({"workspace_id": ws, "task_id": review.task_id})).await;
    assert_error(status, &envelope, 1_005_040_000, &["was deleted", "cannot be retried"]);
    let (status, envelope) =
        app.post("/review/task/result", json!({"workspace_id": ws, "task_id": review.task_id})).await;
    assert_error(status, &envelope, 1_005_040_000, &["not found"]);
}

#[tokio::test]
async fn a_broken_expression_is_refused_when_the_rule_is_saved() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    let (status, envelope) = app
        .post(
            "/review/rule/update",
            json!({"workspace_id": review.ws, "rule_id": review.rules[0], "expression": "mony(1) >"}),
        )
        .await;
    assert_error(status, &envelope, 400, &["expression"]);
}

#[tokio::test]
async fn tasks_are_listed_with_their_status_and_statistics() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    run_all(&app).await;
    let list = app.ok_get(&format!("/review/task/list?workspace_id={}&status=2", review.ws)).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["tasks"][0]["task_id"], review.task_id.as_str());
    assert_eq!(list["tasks"][0]["statistics"]["not_triggered_count"], 1);
    let none = app.ok_get(&format!("/review/task/list?workspace_id={}&status=1", review.ws)).await;
    assert_eq!(none["total"], 0);
}
