//! Workspace endpoints over HTTP.

use serde_json::json;

use crate::helpers::{TestApp, assert_error, assert_success};

#[tokio::test]
async fn a_workspace_is_created_read_updated_and_deleted() {
    let app = TestApp::spawn().await;
    let created = app
        .ok_post(
            "/workspace/create",
            json!({"name": "Contracts", "description": "Q3", "auth_scope": 1,
                   "callback_url": "https://example.test/hook", "callback_retry_time": 2}),
        )
        .await;
    let id = created["workspace_id"].as_str().unwrap();
    assert!(id.bytes().all(|b| b.is_ascii_digit()), "ids are strings of digits: {created}");

    let mut workspace = app.ok_get(&format!("/workspace/get?workspace_id={id}")).await;
    let secret = workspace.as_object_mut().unwrap().remove("callback_secret").unwrap();
    assert!(secret.as_str().is_some_and(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())), "{secret}");
    assert_eq!(
        workspace,
        json!({"workspace_id": id, "name": "Contracts", "description": "Q3", "auth_scope": 1,
               "manage_account_id": app.app.app_id, "manage_account_name": "test",
               "callback_url": "https://example.test/hook", "callback_retry_time": 2, "date_order": "month_first"})
    );

    let (status, envelope) = app.post("/workspace/update", json!({"workspace_id": id, "name": "Renamed"})).await;
    assert_success(status, &envelope);
    assert!(envelope["result"].is_null());
    let workspace = app.ok_get(&format!("/workspace/get?workspace_id={id}")).await;
    assert_eq!((workspace["name"].as_str(), workspace["description"].as_str()), (Some("Renamed"), Some("Q3")));

    app.ok_post("/workspace/delete", json!({"workspace_ids": [id]})).await;
    let (status, envelope) = app.get(&format!("/workspace/get?workspace_id={id}")).await;
    assert_error(status, &envelope, 1_005_006_000, &["workspace", id, "not found"]);
}

#[tokio::test]
async fn workspaces_are_listed_newest_first_in_pages() {
    let app = TestApp::spawn().await;
    for i in 0..3 {
        app.ok_post("/workspace/create", json!({"name": format!("w{i}"), "auth_scope": 0})).await;
    }
    let page = app.ok_get("/workspace/list?page=1&page_size=2").await;
    assert_eq!(
        (page["total"].as_i64(), page["page"].as_i64(), page["page_size"].as_i64()),
        (Some(3), Some(1), Some(2))
    );
    let names: Vec<_> = page["workspaces"].as_array().unwrap().iter().map(|w| w["name"].clone()).collect();
    assert_eq!(names, vec![json!("w2"), json!("w1")]);
    assert_eq!(app.ok_get("/workspace/list").await["page_size"], 20);
    let (status, envelope) = app.get("/workspace/list?page_size=101").await;
    assert_error(status, &envelope, 400, &["page_size"]);
}

#[tokio::test]
async fn another_tenants_workspace_is_not_found_and_left_alone() {
    let app = TestApp::spawn().await;
    let id = app.workspace().await;
    let stranger = app.new_app(Some(2)).await;
    let colleague = app.new_app(Some(1)).await;
    for caller in [&stranger, &colleague] {
        let (status, envelope) = app.get_as(caller, &format!("/workspace/get?workspace_id={id}")).await;
        assert_error(status, &envelope, 1_005_006_000, &["not found"]);
        let (status, envelope) = app.post_as(caller, "/workspace/delete", json!({"workspace_ids": [id]})).await;
        assert_error(status, &envelope, 1_005_006_000, &["not found"]);
    }
    app.ok_get(&format!("/workspace/get?workspace_id={id}")).await;
}

#[tokio::test]
async fn invalid_workspace_fields_are_rejected_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let cases = [
        (json!({"name": "x".repeat(51), "auth_scope": 0}), "name: at most 50 characters, got 51"),
        (json!({"name": "   ", "auth_scope": 0}), "name: must not be blank"),
        (json!({"name": "ok", "auth_scope": 3}), "auth_scope"),
        (json!({"name": "ok", "auth_scope": 0, "description": "d".repeat(201)}), "description"),
        (json!({"name": "ok", "auth_scope": 0, "callback_url": "mailto:x"}), "callback_url"),
        (json!({"name": "ok", "auth_scope": 0, "callback_retry_time": 9}), "callback_retry_time"),
        (json!({"name": "ok", "auth_scope": 0, "enterprise_id": "2"}), "enterprise_id"),
        (
            json!({"name": "ok", "auth_scope": 0, "date_order": "dd/mm"}),
            r#"date_order: must be month_first, day_first or refuse, got "dd/mm""#,
        ),
        (json!({"name": "ok", "auth_scope": 0, "date_order": 1}), "date_order"),
    ];
    for (body, words) in cases {
        let (status, envelope) = app.post("/workspace/create", body).await;
        assert_error(status, &envelope, 400, &[words]);
    }
    assert_eq!(app.ok_get("/workspace/list").await["total"], 0);
}

#[tokio::test]
async fn the_date_order_is_set_at_creation_changed_by_update_and_answered_by_get_and_list() {
    let app = TestApp::spawn().await;
    let created =
        app.ok_post("/workspace/create", json!({"name": "EU", "auth_scope": 0, "date_order": "day_first"})).await;
    let id = created["workspace_id"].as_str().unwrap();
    let order = |workspace: &serde_json::Value| workspace["date_order"].as_str().map(str::to_owned);
    assert_eq!(order(&app.ok_get(&format!("/workspace/get?workspace_id={id}")).await).as_deref(), Some("day_first"));

    app.ok_post("/workspace/update", json!({"workspace_id": id, "description": "unchanged order"})).await;
    assert_eq!(order(&app.ok_get(&format!("/workspace/get?workspace_id={id}")).await).as_deref(), Some("day_first"));
    app.ok_post("/workspace/update", json!({"workspace_id": id, "date_order": "refuse"})).await;
    let listed = app.ok_get("/workspace/list").await;
    assert_eq!(order(&listed["workspaces"][0]).as_deref(), Some("refuse"));

    let (status, envelope) = app.post("/workspace/update", json!({"workspace_id": id, "date_order": "american"})).await;
    assert_error(status, &envelope, 400, &["date_order", "month_first, day_first or refuse", "american"]);
    assert_eq!(order(&app.ok_get(&format!("/workspace/get?workspace_id={id}")).await).as_deref(), Some("refuse"));
}
