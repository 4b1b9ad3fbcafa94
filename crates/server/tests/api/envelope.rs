//! Every answer, including bad input and unknown routes, is the JSON envelope.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, assert_error, read};

async fn post_raw(app: &TestApp, path: &str, body: &'static str) -> (StatusCode, serde_json::Value) {
    let request = app
        .http
        .post(app.url(path))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-secret-code", &app.app.secret_code)
        .header("content-type", "application/json")
        .body(body);
    read(request.send().await.unwrap()).await
}

#[tokio::test]
async fn malformed_json_answers_code_40001_in_the_envelope() {
    let app = TestApp::spawn().await;
    for body in ["{\"name\": \"x\",", "not json", "", "{\"name\": \"x\"} {}"] {
        let (status, envelope) = post_raw(&app, "/workspace/create", body).await;
        assert_error(status, &envelope, 40001, &["JSON"]);
    }
}

#[tokio::test]
async fn a_field_of_the_wrong_type_answers_400_naming_the_field() {
    let app = TestApp::spawn().await;
    let (status, envelope) = post_raw(&app, "/workspace/create", r#"{"name": "x", "auth_scope": "public"}"#).await;
    assert_error(status, &envelope, 400, &["auth_scope", "invalid type"]);
    let (status, envelope) =
        post_raw(&app, "/review/rule_repo/create", r#"{"workspace_id": "12ab", "name": "x"}"#).await;
    assert_error(status, &envelope, 400, &["workspace_id"]);
    let (status, envelope) = app.get("/review/rule_repo/list?workspace_id=1&page=two").await;
    assert_error(status, &envelope, 400, &["page"]);
}

#[tokio::test]
async fn a_missing_required_field_is_named() {
    let app = TestApp::spawn().await;
    let (status, envelope) = app.post("/workspace/create", json!({"auth_scope": 1})).await;
    assert_error(status, &envelope, 400, &["name: is required"]);
    let (status, envelope) = app.get("/workspace/get").await;
    assert_error(status, &envelope, 400, &["workspace_id: is required"]);
}

#[tokio::test]
async fn an_unknown_endpoint_is_404_and_a_wrong_method_405_both_in_the_envelope() {
    let app = TestApp::spawn().await;
    let (status, envelope) = app.get("/workspace/nothing").await;
    assert_eq!((status, envelope["code"].as_i64()), (StatusCode::NOT_FOUND, Some(40400)));
    assert!(envelope["msg"].as_str().unwrap().contains("/workspace/nothing"));
    let (status, envelope) = app.get("/workspace/create").await;
    assert_eq!((status, envelope["code"].as_i64()), (StatusCode::METHOD_NOT_ALLOWED, Some(40500)), "{envelope}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_in_the_envelope_and_stores_nothing() {
    let app = TestApp::spawn_with_body_limit(1024).await;
    let description = "d".repeat(2000);
    let (status, envelope) =
        app.post("/workspace/create", json!({"name": "big", "auth_scope": 0, "description": description})).await;
    assert_eq!((status, envelope["code"].as_i64()), (StatusCode::PAYLOAD_TOO_LARGE, Some(41300)), "{envelope}");
    assert_eq!(app.ok_get("/workspace/list").await["total"], 0);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let response = app.http.get(app.url("/workspace/list")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let id = response.headers().get("x-request-id").expect("x-request-id header");
    assert!(!id.is_empty());
}
