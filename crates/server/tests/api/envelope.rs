//! Every answer, including bad input and unknown routes, is the JSON envelope.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, assert_error, read};

async fn post_raw(app: &TestApp, path: &str, body: &'static str) -> (StatusCode, serde_json::Value) {
    post_typed(app, path, Some("application/json"), body).await
}

async fn post_typed(
    app: &TestApp,
    path: &str,
    content_type: Option<&str>,
    body: &'static str,
) -> (StatusCode, serde_json::Value) {
    let mut request = app
        .http
        .post(app.url(path))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-secret-code", &app.app.secret_code)
        .body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    read(request.send().await.unwrap()).await
}

#[tokio::test]
async fn a_json_endpoint_refuses_a_body_not_declared_as_json_with_415() {
    let app = TestApp::spawn().await;
    let body = r#"{"name": "x", "auth_scope": 0}"#;
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        let (status, envelope) = post_typed(&app, "/workspace/create", content_type, body).await;
        assert_eq!(
            (status, envelope["code"].as_i64()),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some(41500)),
            "{envelope}"
        );
        assert!(envelope["msg"].as_str().unwrap().contains("application/json"), "{envelope}");
        assert!(envelope["result"].is_null());
    }
    let (_, list) = app.get("/workspace/list").await;
    assert_eq!(list["result"]["total"], 0, "a refused body creates nothing");
    for content_type in ["application/json; charset=utf-8", "Application/JSON", "application/vnd.docflow+json"] {
        let (status, envelope) = post_typed(&app, "/workspace/create", Some(content_type), body).await;
        assert_eq!((status, envelope["code"].as_i64()), (StatusCode::OK, Some(200)), "{content_type}: {envelope}");
    }
    let ws = app.workspace().await;
    let upload = format!("/file/upload?workspace_id={ws}");
    let (status, envelope) = post_typed(&app, &upload, Some("text/plain"), r#"{"urls": ["http://x/"]}"#).await;
    assert_eq!((status, envelope["code"].as_i64()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some(41500)), "{envelope}");
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

/// Sends `request` as raw bytes and reads the answer until the server closes.
async fn raw_exchange(app: &TestApp, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    // The server may answer and close before it has read everything.
    let _ = stream.write_all(request).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).into_owned()
}

fn envelope_of(answer: &str) -> serde_json::Value {
    let body = answer.split_once("\r\n\r\n").map(|(_, body)| body).unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an envelope ({e}): {answer:?}"))
}

#[tokio::test]
async fn requests_refused_before_routing_are_answered_in_the_envelope() {
    let app = TestApp::spawn().await;
    let long_query = format!(
        "GET /api/app-api/sip/platform/v2/workspace/list?q={} HTTP/1.1\r\nhost: x\r\n\r\n",
        "a".repeat(100_000)
    );
    let huge_header = format!("GET /livez HTTP/1.1\r\nhost: x\r\nx-filler: {}\r\n\r\n", "b".repeat(600_000));
    let cases: [(&[u8], &str, i64); 3] = [
        (long_query.as_bytes(), "HTTP/1.1 414", 41400),
        (huge_header.as_bytes(), "HTTP/1.1 431", 43100),
        (b"NOT HTTP AT ALL\r\n\r\n", "HTTP/1.1 400", 40000),
    ];
    for (request, status_line, code) in cases {
        let answer = raw_exchange(&app, request).await;
        assert!(answer.starts_with(status_line), "{answer:?}");
        let envelope = envelope_of(&answer);
        assert_eq!(envelope["code"].as_i64(), Some(code), "{envelope}");
        assert!(envelope["msg"].as_str().is_some_and(|m| !m.is_empty()) && envelope["result"].is_null());
    }
    let (status, _) = app.get("/workspace/list").await;
    assert_eq!(status, StatusCode::OK, "the server keeps serving");
}
