//! What DocFlow's own clients send and expect: imported DocFlow results under
//! category-scoped rules, expressions written in a prompt's ```` ```cel ````
//! block, `file/update` fields named by `name`, the model a task reports, and
//! anchors that always carry a box.

use serde_json::{Value, json};

use crate::files::{create_category, upload};
use crate::helpers::{TestApp, assert_error, assert_success, test_settings};
use crate::review::run_all;

const DOCFLOW_RESULT: &[u8] = include_bytes!("../../../../examples/invoice-result.json");

/// A repository with one group; answers (repo, group).
async fn repository(app: &TestApp, ws: &str) -> (String, String) {
    let repo = app.ok_post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "Checks"})).await;
    let repo = repo["repo_id"].as_str().unwrap().to_owned();
    let group =
        app.ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo, "name": "Amounts"})).await;
    (repo, group["group_id"].as_str().unwrap().to_owned())
}

async fn add_rule(app: &TestApp, ws: &str, (repo, group): &(String, String), rule: Value) -> String {
    let mut body = json!({"workspace_id": ws, "repo_id": repo, "group_id": group});
    body.as_object_mut().unwrap().extend(rule.as_object().unwrap().clone());
    app.ok_post("/review/rule/create", body).await["rule_id"].as_str().unwrap().to_owned()
}

/// Submits a review of batch `batch`, runs every job and answers the result.
async fn review(app: &TestApp, ws: &str, repo: &str, batch: &str, model: Option<&str>) -> Value {
    let mut body = json!({"workspace_id": ws, "name": "check", "repo_id": repo, "batch_number": batch});
    if let Some(model) = model {
        body["model"] = json!(model);
    }
    let submitted = app.ok_post("/review/task/submit", body).await;
    run_all(app).await;
    let result = app.ok_post("/review/task/result", json!({"workspace_id": ws, "task_id": submitted["task_id"]})).await;
    assert_eq!(result["model"], submitted["model"], "submit and result report one model");
    result
}

/// A workspace with an Invoice category and `result` imported into batch B1,
/// extracted; the workspace and the upload's answer.
async fn imported(app: &TestApp, result: &[u8]) -> (String, Value) {
    let ws = app.workspace().await;
    create_category(app, &ws, "Invoice").await;
    let (status, uploaded) =
        upload(app, &format!("workspace_id={ws}&batch_number=B1"), &[("result.json", result.to_vec())]).await;
    assert_success(status, &uploaded);
    run_all(app).await;
    (ws, uploaded)
}

fn rule_tasks(result: &Value) -> Vec<Value> {
    result["groups"].as_array().unwrap().iter().flat_map(|g| g["review_tasks"].as_array().unwrap().clone()).collect()
}

#[tokio::test]
async fn an_imported_docflow_result_triggers_rules_scoped_to_its_category() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let invoice = create_category(&app, &ws, "Invoice").await;
    // Once with the upload's category, once with only the result's own.
    for query in ["category=Invoice&batch_number=B1", "batch_number=B2"] {
        let (status, envelope) =
            upload(&app, &format!("workspace_id={ws}&{query}"), &[("result.json", DOCFLOW_RESULT.to_vec())]).await;
        assert_success(status, &envelope);
    }
    run_all(&app).await;
    let repo = repository(&app, &ws).await;
    add_rule(
        &app,
        &ws,
        &repo,
        json!({"name": "Net over 700", "prompt": "p", "category_ids": [invoice],
        "expression": r#"money(doc.Invoice.fields["Net Amount"]) > 700.0"#}),
    )
    .await;
    add_rule(
        &app,
        &ws,
        &repo,
        json!({"name": "Net over 1000", "prompt": "p", "category_ids": [invoice],
        "expression": r#"money(doc.Invoice.fields["Net Amount"]) > 1000.0"#}),
    )
    .await;
    for batch in ["B1", "B2"] {
        let result = review(&app, &ws, &repo.0, batch, None).await;
        assert_eq!(
            result["statistics"],
            json!({"pass_count": 1, "failure_count": 1, "error_count": 0, "not_triggered_count": 0}),
            "{batch}: {result}"
        );
    }
}

#[tokio::test]
async fn a_cel_block_in_the_prompt_judges_the_rule_as_its_expression() {
    let app = TestApp::spawn().await;
    let (ws, _) = imported(&app, DOCFLOW_RESULT).await;
    let repo = repository(&app, &ws).await;
    let prompt = "The net amount is above 700.\n```cel\nmoney(doc.Invoice.fields[\"Net Amount\"]) > 700.0\n```";
    add_rule(&app, &ws, &repo, json!({"name": "From the prompt", "prompt": prompt})).await;

    let listed = app.ok_get(&format!("/review/rule_repo/get?workspace_id={ws}&repo_id={}", repo.0)).await;
    assert_eq!(listed["groups"][0]["rules"][0]["expression"], r#"money(doc.Invoice.fields["Net Amount"]) > 700.0"#);
    let result = review(&app, &ws, &repo.0, "B1", None).await;
    let task = &rule_tasks(&result)[0];
    assert_eq!(task["review_result"], 1, "{task}");
    assert!(task["reasoning"].as_str().unwrap().contains("795.00"), "{task}");
    assert_eq!(task["anchors"][0]["vertices"].as_array().unwrap().len(), 8, "{task}");

    let broken = json!({"name": "Broken", "prompt": "```cel\nmoney(doc.Invoice.fields[\"Net\"] >\n```"});
    let mut body = json!({"workspace_id": ws, "repo_id": repo.0, "group_id": repo.1});
    body.as_object_mut().unwrap().extend(broken.as_object().unwrap().clone());
    let (status, envelope) = app.post("/review/rule/create", body).await;
    assert_error(status, &envelope, 400, &["prompt", "```cel"]);
}

#[tokio::test]
async fn file_update_reads_name_as_the_fields_key() {
    let app = TestApp::spawn().await;
    let (ws, uploaded) = imported(&app, DOCFLOW_RESULT).await;
    let file_id = uploaded["result"]["files"][0]["id"].as_str().unwrap().to_owned();
    let corrected = json!([{"workspace_id": ws, "file_id": file_id, "data": {"fields": [
        {"name": "Invoice Number", "value": "INV-2026-001"}, {"name": "Total Amount", "value": "1288.00"}], "items": []}}]);
    app.ok_post("/file/update", corrected).await;
    let file = app.ok_get(&format!("/file/fetch?workspace_id={ws}&file_id={file_id}")).await["files"][0].clone();
    let fields: Vec<(&str, &str)> = file["data"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["key"].as_str().unwrap(), f["value"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, [("Invoice Number", "INV-2026-001"), ("Total Amount", "1288.00")]);
}

#[tokio::test]
async fn a_task_reports_the_model_in_use_with_deprecated_names_replaced() {
    /// The model each review of an always-passing rule reports, one per request.
    async fn reported(app: &TestApp, requests: &[Option<&str>]) -> Vec<Value> {
        let (ws, _) = imported(app, DOCFLOW_RESULT).await;
        let repo = repository(app, &ws).await;
        add_rule(app, &ws, &repo, json!({"name": "Always", "prompt": "p", "expression": "true"})).await;
        let mut models = Vec::new();
        for requested in requests {
            models.push(review(app, &ws, &repo.0, "B1", *requested).await["model"].clone());
        }
        models
    }

    let without_models = reported(&TestApp::spawn().await, &[Some("deepseek-r1"), Some("ORM-O1"), None]).await;
    assert_eq!(without_models, [json!("deepseek-v4-pro"), json!("ORM-O1"), json!("none")]);

    let mut settings = test_settings();
    settings.models = vec![docreview_engine::ModelSettings {
        name: "local".to_owned(),
        aliases: vec!["deepseek-v4-pro".to_owned(), "ORM-O1".to_owned()],
        base_url: "http://127.0.0.1:9/v1".to_owned(),
        model: "m".to_owned(),
        ..Default::default()
    }];
    let app = TestApp::spawn_with(settings).await;
    let configured = reported(&app, &[Some("deepseek-r1"), Some("ORM-O1"), Some("gpt-5"), None]).await;
    assert_eq!(configured, [json!("local"), json!("local"), json!("local"), json!("local")]);
}

#[tokio::test]
async fn a_value_without_a_box_is_named_in_the_reasoning_but_not_anchored() {
    let app = TestApp::spawn().await;
    let mut result: Value = serde_json::from_slice(DOCFLOW_RESULT).unwrap();
    for field in result["data"]["fields"].as_array_mut().unwrap() {
        if field["key"] == "Net Amount" {
            field["position"] = json!([]);
        }
    }
    let (ws, _) = imported(&app, &serde_json::to_vec(&result).unwrap()).await;
    let repo = repository(&app, &ws).await;
    add_rule(
        &app,
        &ws,
        &repo,
        json!({"name": "Net", "prompt": "p",
        "expression": r#"money(doc.Invoice.fields["Net Amount"]) > 700.0 && present(doc.Invoice.fields["Seller"])"#}),
    )
    .await;
    let result = review(&app, &ws, &repo.0, "B1", None).await;
    let task = &rule_tasks(&result)[0];
    assert!(task["reasoning"].as_str().unwrap().contains("795.00"), "{task}");
    let anchors = task["anchors"].as_array().unwrap();
    assert_eq!(anchors.len(), 1, "only the seller has a box: {task}");
    assert_eq!(anchors[0]["field_name"], "Seller");
    assert_eq!(anchors[0]["vertices"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn an_import_of_a_category_the_workspace_lacks_says_why_and_amending_links_it() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let invoice = create_category(&app, &ws, "Invoice").await;
    let mut receipt: Value = serde_json::from_slice(DOCFLOW_RESULT).unwrap();
    receipt["category"] = json!("Receipt");
    let (_, uploaded) = upload(
        &app,
        &format!("workspace_id={ws}&batch_number=B1"),
        &[("receipt.json", serde_json::to_vec(&receipt).unwrap())],
    )
    .await;
    let task_id = uploaded["result"]["files"][0]["task_id"].as_str().unwrap().to_owned();
    run_all(&app).await;
    let repo = repository(&app, &ws).await;
    add_rule(
        &app,
        &ws,
        &repo,
        json!({"name": "Invoices only", "prompt": "p", "category_ids": [invoice],
        "expression": "true"}),
    )
    .await;

    let result = review(&app, &ws, &repo.0, "B1", None).await;
    assert_eq!(result["statistics"]["not_triggered_count"], 1, "{result}");
    let notes = result["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{result}");
    let note = notes[0].as_str().unwrap();
    for word in [task_id.as_str(), "receipt.json", "\"Receipt\"", "not triggered"] {
        assert!(note.contains(word), "{word:?} not in {note:?}");
    }

    app.ok_post("/file/amend_category", json!({"workspace_id": ws, "task_id": task_id, "category": "Invoice"})).await;
    run_all(&app).await;
    let result = review(&app, &ws, &repo.0, "B1", None).await;
    assert_eq!(result["statistics"]["pass_count"], 1, "{result}");
    assert!(result.get("notes").is_none(), "{result}");
}
