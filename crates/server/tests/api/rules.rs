//! Rule repositories, groups and rules over HTTP.

use serde_json::{Value, json};

use crate::files::create_category;
use crate::helpers::{TestApp, assert_error};

async fn repo_with_group(app: &TestApp) -> (String, String, String) {
    let ws = app.workspace().await;
    let repo = app.ok_post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "Invoice checks"})).await;
    let repo = repo["repo_id"].as_str().unwrap().to_owned();
    let group =
        app.ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo, "name": "Amounts"})).await;
    (ws, repo, group["group_id"].as_str().unwrap().to_owned())
}

fn id(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_else(|| panic!("{key} in {value}")).to_owned()
}

#[tokio::test]
async fn a_repository_get_nests_groups_and_rules_in_the_reference_shape() {
    let app = TestApp::spawn().await;
    let (ws, repo, group) = repo_with_group(&app).await;
    let invoice = create_category(&app, &ws, "Invoice").await;
    let receipt = create_category(&app, &ws, "Receipt").await;
    let referenced = json!([{"category_id": "11", "category_name": "Invoice",
        "fields": [{"field_id": "21", "field_name": "Tax"}],
        "tables": [{"table_id": "31", "table_name": "Items", "fields": [{"field_id": "41", "field_name": "Amount"}]}]}]);
    let rule = app
        .ok_post(
            "/review/rule/create",
            json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": "Tax amount",
                   "prompt": "tax = net × rate", "category_ids": [invoice, receipt.parse::<i64>().unwrap()], "risk_level": 10,
                   "referenced_fields": referenced}),
        )
        .await;
    let rule_id = id(&rule, "rule_id");

    let got = app.ok_get(&format!("/review/rule_repo/get?workspace_id={ws}&repo_id={repo}")).await;
    let expected = json!({
        "repo_id": repo, "name": "Invoice checks", "category_ids": [invoice, receipt],
        "groups": [{"group_id": group, "name": "Amounts", "rules": [{
            "rule_id": rule_id, "name": "Tax amount", "prompt": "tax = net × rate",
            "category_ids": [invoice, receipt], "risk_level": 10, "referenced_fields": referenced}]}]
    });
    assert_eq!(got, expected);
    let text = serde_json::to_string(&got).unwrap();
    for key in ["\"repo_id\"", "\"groups\"", "\"group_id\"", "\"rules\"", "\"rule_id\"", "\"risk_level\""] {
        assert!(text.contains(key), "{key} missing in {text}");
    }

    let listed = app.ok_get(&format!("/review/rule_repo/list?workspace_id={ws}")).await;
    assert_eq!(listed, json!({"repos": [expected], "total": 1, "page": 1, "page_size": 10}));
}

#[tokio::test]
async fn ids_sent_as_integers_are_accepted() {
    let app = TestApp::spawn().await;
    let (ws, repo, group) = repo_with_group(&app).await;
    let as_int = |s: &str| s.parse::<i64>().unwrap();
    let rule = app
        .ok_post(
            "/review/rule/create",
            json!({"workspace_id": as_int(&ws), "repo_id": as_int(&repo), "group_id": as_int(&group),
                   "name": "r", "prompt": "p"}),
        )
        .await;
    assert!(rule["rule_id"].is_string());
}

#[tokio::test]
async fn a_rule_update_keeps_absent_fields_and_an_empty_list_clears() {
    let app = TestApp::spawn().await;
    let (ws, repo, group) = repo_with_group(&app).await;
    let invoice = create_category(&app, &ws, "Invoice").await;
    let rule = app
        .ok_post(
            "/review/rule/create",
            json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": "r", "prompt": "p",
                   "category_ids": [invoice]}),
        )
        .await;
    let rule_id = id(&rule, "rule_id");
    app.ok_post(
        "/review/rule/update",
        json!({"workspace_id": ws, "rule_id": rule_id, "category_ids": [], "risk_level": 30}),
    )
    .await;
    let got = app.ok_get(&format!("/review/rule_repo/get?workspace_id={ws}&repo_id={repo}")).await;
    let rule = &got["groups"][0]["rules"][0];
    assert_eq!((rule["name"].as_str(), rule["prompt"].as_str()), (Some("r"), Some("p")));
    assert_eq!((rule["category_ids"].clone(), rule["risk_level"].clone()), (json!([]), json!(30)));
    assert_eq!(got["category_ids"], json!([]));
}

#[tokio::test]
async fn unknown_repos_groups_and_rules_get_their_own_codes() {
    let app = TestApp::spawn().await;
    let (ws, repo, _) = repo_with_group(&app).await;
    let (status, envelope) = app.get(&format!("/review/rule_repo/get?workspace_id={ws}&repo_id=77")).await;
    assert_error(status, &envelope, 1_005_030_000, &["rule repo 77 not found"]);
    let (status, envelope) = app
        .post(
            "/review/rule/create",
            json!({"workspace_id": ws, "repo_id": repo, "group_id": "78", "name": "r", "prompt": "p"}),
        )
        .await;
    assert_error(status, &envelope, 1_005_030_001, &["rule group 78 not found"]);
    let (status, envelope) = app.post("/review/rule/delete", json!({"workspace_id": ws, "rule_id": "79"})).await;
    assert_error(status, &envelope, 1_005_030_002, &["rule 79 not found"]);
    let (status, envelope) =
        app.post("/review/rule_group/update", json!({"workspace_id": ws, "group_id": "80", "name": "x"})).await;
    assert_error(status, &envelope, 1_005_030_001, &["rule group 80 not found"]);
}

#[tokio::test]
async fn an_invalid_rule_is_rejected_before_anything_is_stored() {
    let app = TestApp::spawn().await;
    let (ws, repo, group) = repo_with_group(&app).await;
    let base = json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": "r", "prompt": "p"});
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    let duplicate = json!([{"category_id": "1"}, {"category_id": "1"}]);
    let cases = [
        (with("name", json!("n".repeat(51))), "name: at most 50 characters"),
        (with("prompt", json!("")), "prompt: must not be blank"),
        (with("risk_level", json!(15)), "risk_level: must be 10 (high), 20 (medium) or 30 (low), got 15"),
        (with("category_ids", json!(["x"])), "category_ids"),
        (with("referenced_fields", duplicate), "referenced_fields[1].category_id"),
        (with("referenced_fields", json!([{"fields": []}])), "referenced_fields"),
    ];
    for (body, words) in cases {
        let (status, envelope) = app.post("/review/rule/create", body).await;
        assert_error(status, &envelope, 400, &[words]);
    }
    let got = app.ok_get(&format!("/review/rule_repo/get?workspace_id={ws}&repo_id={repo}")).await;
    assert_eq!(got["groups"][0]["rules"], json!([]));
    let (status, envelope) =
        app.post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "r".repeat(31)})).await;
    assert_error(status, &envelope, 400, &["name: at most 30 characters, got 31"]);
}

#[tokio::test]
async fn deleting_a_group_removes_its_rules_and_deleting_a_repo_removes_everything() {
    let app = TestApp::spawn().await;
    let (ws, repo, group) = repo_with_group(&app).await;
    let other =
        app.ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo, "name": "Dates"})).await;
    let other = id(&other, "group_id");
    for g in [&group, &other] {
        app.ok_post(
            "/review/rule/create",
            json!({"workspace_id": ws, "repo_id": repo, "group_id": g, "name": "r", "prompt": "p"}),
        )
        .await;
    }
    app.ok_post("/review/rule_group/delete", json!({"workspace_id": ws, "group_id": group})).await;
    let got = app.ok_get(&format!("/review/rule_repo/get?workspace_id={ws}&repo_id={repo}")).await;
    assert_eq!(got["groups"].as_array().unwrap().len(), 1);
    assert_eq!(got["groups"][0]["group_id"], other.as_str());

    app.ok_post("/review/rule_repo/delete", json!({"workspace_id": ws, "repo_ids": [repo]})).await;
    let (status, envelope) =
        app.post("/review/rule_group/update", json!({"workspace_id": ws, "group_id": other, "name": "x"})).await;
    assert_error(status, &envelope, 1_005_030_001, &["not found"]);
}

#[tokio::test]
async fn a_rule_can_only_be_scoped_to_categories_of_its_workspace() {
    let app = TestApp::spawn().await;
    let (ws, repo, group) = repo_with_group(&app).await;
    let invoice = create_category(&app, &ws, "Invoice").await;
    let elsewhere = app.workspace().await;
    let foreign = create_category(&app, &elsewhere, "Elsewhere").await;
    let create = |categories: Value| {
        json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": "r", "prompt": "p",
               "category_ids": categories})
    };
    for missing in [json!([foreign.clone()]), json!(["1"]), json!([i64::MAX]), json!([invoice.clone(), "1"])] {
        let (status, envelope) = app.post("/review/rule/create", create(missing.clone())).await;
        let shown = missing.as_array().unwrap().last().unwrap().to_string().replace('"', "");
        assert_error(status, &envelope, 1_005_010_000, &["category", &shown, "not found", &ws]);
    }
    let listed = app.ok_get(&format!("/review/rule_repo/get?workspace_id={ws}&repo_id={repo}")).await;
    assert_eq!(listed["groups"][0]["rules"], json!([]), "a refused rule is not stored");

    let rule = app.ok_post("/review/rule/create", create(json!([invoice]))).await;
    let (status, envelope) = app
        .post("/review/rule/update", json!({"workspace_id": ws, "rule_id": rule["rule_id"], "category_ids": [foreign]}))
        .await;
    assert_error(status, &envelope, 1_005_010_000, &[&foreign]);
}
