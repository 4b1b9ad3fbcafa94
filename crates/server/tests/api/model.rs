//! The LLM judge against a scripted OpenAI-compatible server: what is sent,
//! and how each fault ends. None of them may end as "not passed" (4): a
//! judge that could not decide reports an error (2) with the cause.

use std::time::{Duration, Instant};

use docreview_engine::{Judges, ModelSettings};
use docreview_fake_model::{FakeModel, Reply};
use serde_json::{Value, json};

use crate::files::{INVOICE, upload, workspace_with_category};
use crate::helpers::TestApp;
use crate::review::run_all_with;

/// A model table pointing at `fake`, retrying quickly.
fn settings(fake: &FakeModel) -> ModelSettings {
    ModelSettings {
        name: "scripted".into(),
        base_url: fake.base_url(),
        model: "fake-7b".into(),
        concurrency: 2,
        max_attempts: 3,
        timeout_ms: 5_000,
        ..ModelSettings::default()
    }
}

/// Uploads the example invoice, judges one prompt rule with `model`, and
/// answers the rule task of the result.
async fn judge_one_rule(model: ModelSettings) -> Value {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    upload(&app, &format!("workspace_id={ws}&category=Invoice&batch_number=B1"), &[("inv.txt", INVOICE.into())]).await;
    let repo = app.ok_post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "Checks"})).await;
    let group = app
        .ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo["repo_id"], "name": "Limits"}))
        .await;
    let rule = json!({"workspace_id": ws, "repo_id": repo["repo_id"], "group_id": group["group_id"],
                      "name": "Approval limit", "prompt": "The invoice total must not exceed 1,000.00."});
    app.ok_post("/review/rule/create", rule).await;
    let submitted = app
        .ok_post(
            "/review/task/submit",
            json!({"workspace_id": ws, "name": "Q3", "repo_id": repo["repo_id"], "batch_number": "B1"}),
        )
        .await;
    run_all_with(&app, Judges::new(&[model], Default::default()).unwrap()).await;
    let result = app.ok_post("/review/task/result", json!({"workspace_id": ws, "task_id": submitted["task_id"]})).await;
    let rule_task = result["groups"][0]["review_tasks"][0].clone();
    assert_eq!(result["status"], rule_task["review_result"], "one rule: the task rolls up to it: {result}");
    rule_task
}

fn reasoning(rule_task: &Value) -> &str {
    rule_task["reasoning"].as_str().unwrap()
}

#[tokio::test]
async fn a_verdict_is_asked_for_with_the_documents_as_data_and_its_quotes_anchored() {
    let fake = FakeModel::start(Reply::verdict(
        "fail",
        "The total 1,234.50 exceeds the approval limit of 1,000.00.",
        &["1,234.50", "Globex Ltd"],
    ))
    .await;
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 4, "{rule_task}");
    assert_eq!(reasoning(&rule_task), "The total 1,234.50 exceeds the approval limit of 1,000.00.");
    let anchors = rule_task["anchors"].as_array().unwrap();
    assert_eq!(anchors.len(), 1, "the quote that is not in the invoice is dropped: {anchors:?}");
    let anchor = &anchors[0];
    assert_eq!((anchor["start_pos"].as_i64(), anchor["end_pos"].as_i64()), (Some(10), Some(18)));
    assert_eq!((anchor["text"].as_str(), anchor["field_name"].as_str()), (Some("1,234.50"), Some("Total")));
    assert_eq!((anchor["source"].as_str(), anchor["file_category"].as_str()), (Some("extract_field"), Some("Invoice")));
    assert_eq!(anchor["vertices"].as_array().unwrap().len(), 8);

    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request["model"], "fake-7b");
    assert_eq!(request["response_format"]["type"], "json_schema");
    assert_eq!(request["messages"][0]["role"], "system");
    let user = request["messages"][1]["content"].as_str().unwrap();
    assert!(user.starts_with("Rule: Approval limit\nThe invoice total must not exceed 1,000.00.\n\n<documents>\n"));
    assert!(user.contains("- Total: 1,234.50\n") && user.contains("Text:\nACME Supplies Ltd.\n"), "{user}");
}

#[tokio::test]
async fn a_429_is_waited_out_as_retry_after_asks_then_the_verdict_counts() {
    let fake = FakeModel::start(Reply::verdict("pass", "Fine.", &[])).await;
    fake.push(Reply::status(429, r#"{"error":{"message":"rate limited"}}"#).header("retry-after", "1"));
    let started = Instant::now();
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 1, "{rule_task}");
    assert_eq!(fake.requests().len(), 2);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured");
}

#[tokio::test]
async fn a_retry_after_longer_than_allowed_ends_as_an_error_at_once() {
    let fake = FakeModel::start(Reply::status(429, "quota exceeded").header("retry-after", "3600")).await;
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 2, "{rule_task}");
    assert!(reasoning(&rule_task).contains("asked to wait 3600 s"), "{rule_task}");
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn server_errors_are_retried_then_reported_as_an_error_not_a_failure() {
    let fake = FakeModel::start(Reply::status(500, "upstream exploded")).await;
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 2, "{rule_task}");
    let cause = reasoning(&rule_task);
    assert!(cause.contains("after 3 attempts") && cause.contains("HTTP 500: upstream exploded"), "{cause}");
    assert_eq!(fake.requests().len(), 3);
    assert_eq!(rule_task["anchors"], json!([]));
}

#[tokio::test]
async fn a_model_slower_than_the_timeout_ends_as_an_error_naming_it() {
    let fake = FakeModel::start(Reply::verdict("fail", "late", &[]).after(Duration::from_secs(3))).await;
    let rule_task = judge_one_rule(ModelSettings { timeout_ms: 200, max_attempts: 2, ..settings(&fake) }).await;
    assert_eq!(rule_task["review_result"], 2, "{rule_task}");
    assert!(reasoning(&rule_task).contains("timed out"), "{rule_task}");
}

#[tokio::test]
async fn malformed_answers_are_retried_and_a_good_one_counts() {
    let fake = FakeModel::start(Reply::verdict("pass", "The total is present.", &[])).await;
    fake.push(Reply::status(200, "{\"choices\": [ broken"));
    fake.push(Reply::content("I would rather not say."));
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 1, "{rule_task}");
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn answers_that_never_read_as_a_verdict_end_as_an_error() {
    let fake = FakeModel::start(Reply::content(r#"{"verdict": "perhaps", "reasoning": "hard to say"}"#)).await;
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 2, "{rule_task}");
    assert!(reasoning(&rule_task).contains("no verdict that reads as pass or fail"), "{rule_task}");
}

#[tokio::test]
async fn a_think_block_is_removed_before_the_answer_is_read() {
    let answer = "<think>Maybe {\"verdict\": \"fail\"}? No: the total is there.</think>\n\
                  {\"verdict\": \"pass\", \"reasoning\": \"Total 1,234.50 is stated.\", \"evidence\": [\"1,234.50\"]}";
    let fake = FakeModel::start(Reply::content(answer)).await;
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 1, "{rule_task}");
    assert_eq!(reasoning(&rule_task), "Total 1,234.50 is stated.");
    assert_eq!(rule_task["anchors"][0]["text"], "1,234.50");
}

#[tokio::test]
async fn quotes_that_are_not_in_the_document_give_no_anchor() {
    let fake =
        FakeModel::start(Reply::verdict("fail", "Signed by Jane Roe on 1 May.", &["Jane Roe", "1 May 2024"])).await;
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 4, "the verdict stands: {rule_task}");
    assert_eq!(reasoning(&rule_task), "Signed by Jane Roe on 1 May.");
    assert_eq!(rule_task["anchors"], json!([]));
}

#[tokio::test]
async fn servers_that_refuse_response_formats_are_asked_more_plainly_step_by_step() {
    let fake = FakeModel::start(Reply::verdict("pass", "ok", &[])).await;
    // llama-cpp-python's answer to `json_schema`: a 500 naming the field.
    fake.push(Reply::status(
        500,
        r#"{"error": {"message": "1 validation error: ('body', 'response_format', 'type') Input should be 'text' or 'json_object'"}}"#,
    ));
    fake.push(Reply::status(400, r#"{"error": "unknown key: schema"}"#));
    fake.push(Reply::status(400, r#"{"error": "response_format is not supported"}"#));
    let rule_task = judge_one_rule(settings(&fake)).await;
    assert_eq!(rule_task["review_result"], 1, "{rule_task}");
    let formats: Vec<(Value, bool)> = fake
        .requests()
        .iter()
        .map(|r| (r["response_format"]["type"].clone(), r["response_format"].get("schema").is_some()))
        .collect();
    let expected = [("json_schema", false), ("json_object", true), ("json_object", false)];
    let mut expected: Vec<(Value, bool)> = expected.iter().map(|(t, s)| (json!(t), *s)).collect();
    expected.push((Value::Null, false));
    assert_eq!(formats, expected, "the fourth request asks for no format");
}
