//! Both DocFlow authentication schemes and their failures.

use std::time::{SystemTime, UNIX_EPOCH};

use docreview_core::signature;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Credentials, TestApp, assert_success, read};

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// Headers of a signed request, computed the way a DocFlow client does.
fn signed(
    app: &Credentials,
    method: &str,
    path: &str,
    query: &str,
    body: &[u8],
    timestamp: i64,
) -> Vec<(String, String)> {
    let text = signature::string_to_sign(method, path, query, body);
    let timestamp = timestamp.to_string();
    vec![
        ("x-ti-app-id".into(), app.app_id.clone()),
        ("x-ti-timestamp".into(), timestamp.clone()),
        ("x-ti-signature".into(), signature::sign(&app.secret_code, &timestamp, &text)),
    ]
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path_and_query: &str,
    headers: Vec<(String, String)>,
    body: &'static [u8],
) -> (StatusCode, serde_json::Value) {
    let mut request = app.http.request(method, app.url(path_and_query)).body(body);
    if !body.is_empty() {
        request = request.header("content-type", "application/json");
    }
    for (name, value) in headers {
        request = request.header(name, value);
    }
    read(request.send().await.unwrap()).await
}

#[tokio::test]
async fn a_request_without_credentials_is_401_with_code_40101() {
    let app = TestApp::spawn().await;
    for headers in [vec![], vec![("x-ti-app-id".to_owned(), app.app.app_id.clone())]] {
        let (status, body) = send(&app, reqwest::Method::GET, "/workspace/list", headers, b"").await;
        assert_eq!((status, body["code"].as_i64()), (StatusCode::UNAUTHORIZED, Some(40101)), "{body}");
        assert!(body["msg"].as_str().unwrap().contains("x-ti-secret-code"));
    }
}

#[tokio::test]
async fn a_wrong_secret_or_unknown_app_is_401_with_code_40102() {
    let app = TestApp::spawn().await;
    let wrong_secret = Credentials { app_id: app.app.app_id.clone(), secret_code: "wrong".into() };
    let unknown_app = Credentials { app_id: "nobody".into(), secret_code: app.app.secret_code.clone() };
    for credentials in [wrong_secret, unknown_app] {
        let (status, body) = app.get_as(&credentials, "/workspace/list").await;
        assert_eq!((status, body["code"].as_i64()), (StatusCode::UNAUTHORIZED, Some(40102)), "{body}");
        assert_eq!(body["msg"], "invalid x-ti-app-id or x-ti-secret-code");
    }
}

#[tokio::test]
async fn signed_requests_with_a_query_or_a_body_are_accepted() {
    let app = TestApp::spawn().await;
    let path = "/api/app-api/sip/platform/v2/workspace/list";
    let headers = signed(&app.app, "GET", path, "page_size=5&page=1", b"", now());
    let (status, body) = send(&app, reqwest::Method::GET, "/workspace/list?page_size=5&page=1", headers, b"").await;
    assert_success(status, &body);
    assert_eq!(body["result"]["page_size"], 5);

    let payload: &[u8] = br#"{"name": "Signed", "auth_scope": 0}"#;
    let create = "/api/app-api/sip/platform/v2/workspace/create";
    let headers = signed(&app.app, "POST", create, "", payload, now());
    let (status, body) = send(&app, reqwest::Method::POST, "/workspace/create", headers, payload).await;
    assert_success(status, &body);
    let id = body["result"]["workspace_id"].as_str().unwrap();
    assert_eq!(app.ok_get(&format!("/workspace/get?workspace_id={id}")).await["name"], "Signed");
}

#[tokio::test]
async fn a_tampered_body_a_stale_timestamp_or_a_wrong_key_is_rejected_with_40102() {
    let app = TestApp::spawn().await;
    let create = "/api/app-api/sip/platform/v2/workspace/create";
    let signed_body: &[u8] = br#"{"name": "A", "auth_scope": 0}"#;
    let sent_body: &'static [u8] = br#"{"name": "B", "auth_scope": 0}"#;
    let impostor = Credentials { app_id: app.app.app_id.clone(), secret_code: "not the secret".into() };
    let cases = [
        ("tampered", signed(&app.app, "POST", create, "", signed_body, now()), "does not match"),
        ("stale", signed(&app.app, "POST", create, "", sent_body, now() - 301), "within 300 s"),
        ("future", signed(&app.app, "POST", create, "", sent_body, now() + 301), "within 300 s"),
        ("wrong key", signed(&impostor, "POST", create, "", sent_body, now()), "does not match"),
    ];
    for (case, headers, words) in cases {
        let (status, body) = send(&app, reqwest::Method::POST, "/workspace/create", headers, sent_body).await;
        assert_eq!((status, body["code"].as_i64()), (StatusCode::UNAUTHORIZED, Some(40102)), "{case}: {body}");
        assert!(body["msg"].as_str().unwrap().contains(words), "{case}: {body}");
    }
    let (_, list) = app.get("/workspace/list").await;
    assert_eq!(list["result"]["total"], 0, "no rejected request created anything");
}

#[tokio::test]
async fn the_enterprise_header_must_name_the_apps_enterprise() {
    let app = TestApp::spawn().await;
    let base = vec![
        ("x-ti-app-id".to_owned(), app.app.app_id.clone()),
        ("x-ti-secret-code".to_owned(), app.app.secret_code.clone()),
    ];
    let mut own = base.clone();
    own.push(("x-ti-enterprise-id".into(), "1".into()));
    let (status, body) = send(&app, reqwest::Method::GET, "/workspace/list", own, b"").await;
    assert_success(status, &body);

    let mut other = base;
    other.push(("x-ti-enterprise-id".into(), "2".into()));
    let (status, body) = send(&app, reqwest::Method::GET, "/workspace/list", other, b"").await;
    assert_eq!((status, body["code"].as_i64()), (StatusCode::UNAUTHORIZED, Some(40102)), "{body}");
    assert!(body["msg"].as_str().unwrap().contains("enterprise 2"));
}

#[tokio::test]
async fn health_and_the_openapi_document_need_no_credentials() {
    let app = TestApp::spawn().await;
    let health = app.http.get(format!("{}/healthz", app.address)).send().await.unwrap();
    let (status, body) = read(health).await;
    assert_success(status, &body);
    assert_eq!(body["result"], json!({"status": "ok", "database": "sqlite"}));
    let live = app.http.get(format!("{}/livez", app.address)).send().await.unwrap();
    let (status, body) = read(live).await;
    assert_success(status, &body);
    assert_eq!(body["result"], json!({"status": "ok"}));
    let document = app.http.get(format!("{}/openapi.json", app.address)).send().await.unwrap();
    assert_eq!(document.status(), StatusCode::OK);
}
