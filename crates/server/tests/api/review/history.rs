//! `review/task/rule/history` (an extension): the verdicts retries overwrote.

use serde_json::{Value, json};

use super::{Review, result, reviewed, run_all, verdicts};
use crate::helpers::{TestApp, assert_error};

async fn history(app: &TestApp, review: &Review, rule_task_id: &Value) -> Value {
    let body = json!({"workspace_id": review.ws, "task_id": review.task_id, "rule_task_id": rule_task_id});
    app.ok_post("/review/task/rule/history", body).await
}

fn rule_tasks(result: &Value) -> Vec<Value> {
    result["groups"].as_array().unwrap().iter().flat_map(|g| g["review_tasks"].as_array().unwrap().clone()).collect()
}

/// How many earlier runs each rule task has.
async fn run_counts(app: &TestApp, review: &Review, tasks: &[Value]) -> Vec<usize> {
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(history(app, review, &task["rule_task_id"]).await["runs"].as_array().unwrap().len());
    }
    counts
}

#[tokio::test]
async fn the_history_keeps_the_verdict_a_retry_overwrote() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    run_all(&app).await;
    let ws = &review.ws;
    let before = rule_tasks(&result(&app, &review).await);
    let first = &before[0];
    assert_eq!((first["rule_name"].as_str(), first["review_result"].as_i64()), (Some("Total above 1000"), Some(1)));
    assert_eq!(history(&app, &review, &first["rule_task_id"]).await["runs"], json!([]));

    // Raise the threshold past the invoice's total, then run the task again.
    let raised = r#"money(doc.Invoice.fields["Total"]) > 2000.0"#;
    let update =
        json!({"workspace_id": ws, "rule_id": review.rules[0], "name": "Total above 2000", "expression": raised});
    app.ok_post("/review/rule/update", update).await;
    app.ok_post("/review/task/retry", json!({"workspace_id": ws, "task_id": review.task_id})).await;
    run_all(&app).await;
    assert_eq!(verdicts(&result(&app, &review).await)[0], ("Total above 2000".into(), 4), "the new verdict");

    // Ids as integers are accepted too.
    let as_integer = json!(first["rule_task_id"].as_str().unwrap().parse::<i64>().unwrap());
    let earlier = history(&app, &review, &as_integer).await;
    assert_eq!(
        (&earlier["task_id"], &earlier["rule_task_id"], &earlier["rule_id"], &earlier["dropped"]),
        (&json!(review.task_id), &first["rule_task_id"], &json!(review.rules[0]), &json!(false))
    );
    let [run] = earlier["runs"].as_array().unwrap().as_slice() else { panic!("one earlier run: {earlier}") };
    assert_eq!(
        (&run["run"], &run["review_result"], &run["rule_name"]),
        (&json!(1), &json!(1), &json!("Total above 1000"))
    );
    assert_eq!(
        (&run["reasoning"], &run["anchors"], &run["prompt"]),
        (&first["reasoning"], &first["anchors"], &first["prompt"])
    );
    assert!(run["expression"].as_str().unwrap().contains("1000.0"), "{run}");
    assert!(run["finished_at"].as_i64().unwrap() > 1_600_000_000_000, "Unix milliseconds: {run}");
    assert!(run["generation"].as_i64().unwrap() >= 1);
}

#[tokio::test]
async fn a_rule_retry_adds_one_run_to_that_rules_history_only() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    run_all(&app).await;
    let tasks = rule_tasks(&result(&app, &review).await);
    let body = json!({"workspace_id": review.ws, "task_id": review.task_id, "rule_id": review.rules[0]});
    for retry in 1..=2 {
        app.ok_post("/review/task/rule/retry", body.clone()).await;
        run_all(&app).await;
        let counts = run_counts(&app, &review, &tasks).await;
        assert_eq!(counts, vec![retry, 0, 0], "only the retried rule has runs");
    }
    let runs = history(&app, &review, &tasks[0]["rule_task_id"]).await["runs"].clone();
    assert_eq!((&runs[0]["run"], &runs[1]["run"]), (&json!(2), &json!(1)), "newest first: {runs}");
    assert!(runs[0]["generation"].as_i64() > runs[1]["generation"].as_i64());
}

#[tokio::test]
async fn the_history_of_an_unknown_task_or_of_another_tasks_rule_task_is_refused() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    run_all(&app).await;
    let ws = &review.ws;
    let own = rule_tasks(&result(&app, &review).await)[0]["rule_task_id"].clone();
    let repo = result(&app, &review).await["rule_repo"]["repo_id"].clone();
    let other = app
        .ok_post(
            "/review/task/submit",
            json!({"workspace_id": ws, "name": "again", "repo_id": repo, "batch_number": "B1"}),
        )
        .await;
    run_all(&app).await;
    let other = Review { ws: ws.clone(), task_id: other["task_id"].as_str().unwrap().to_owned(), rules: vec![] };
    let foreign = rule_tasks(&result(&app, &other).await)[0]["rule_task_id"].clone();

    let ask = |task_id: Value, rule_task_id: Value| json!({"workspace_id": ws, "task_id": task_id, "rule_task_id": rule_task_id});
    let (status, envelope) = app.post("/review/task/rule/history", ask(json!(review.task_id), foreign)).await;
    assert_error(status, &envelope, 1_005_040_001, &["is not part of review task"]);
    let (status, envelope) = app.post("/review/task/rule/history", ask(json!("404"), own.clone())).await;
    assert_error(status, &envelope, 1_005_040_000, &["not found"]);
    let (status, envelope) =
        app.post("/review/task/rule/history", json!({"workspace_id": ws, "task_id": review.task_id})).await;
    assert_error(status, &envelope, 400, &["rule_task_id"]);

    app.ok_post("/review/task/delete", json!({"workspace_id": ws, "task_ids": [review.task_id]})).await;
    let (status, envelope) = app.post("/review/task/rule/history", ask(json!(review.task_id), own)).await;
    assert_error(status, &envelope, 1_005_040_000, &["not found"]);
}
