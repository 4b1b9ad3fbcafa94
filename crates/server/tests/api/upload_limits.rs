//! A multipart upload is bounded in parts and in bytes, and a signed upload
//! is checked under the upload limits, not the JSON body limit.

use std::time::{SystemTime, UNIX_EPOCH};

use docreview_core::signature;
use reqwest::StatusCode;
use serde_json::Value;

use crate::files::upload;
use crate::helpers::{TestApp, assert_success, read, test_settings};

const BOUNDARY: &str = "docreview-test-boundary";

/// A multipart body of files named `file`, as bytes, so it can be signed.
fn multipart_body(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, content) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 Content-Type: text/plain\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn signed_upload(app: &TestApp, ws: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let path = format!("{}/file/upload", docreview_wire::API_PREFIX);
    let query = format!("workspace_id={ws}");
    let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs().to_string();
    let text = signature::string_to_sign("POST", &path, &query, &body);
    let request = app
        .http
        .post(app.url(&format!("/file/upload?{query}")))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-timestamp", &timestamp)
        .header("x-ti-signature", signature::sign(&app.app.secret_code, &timestamp, &text))
        .body(body);
    read(request.send().await.unwrap()).await
}

/// 41300 with HTTP 413, naming the limit's setting.
fn assert_too_large(status: StatusCode, envelope: &Value, setting: &str) {
    assert_eq!((status, envelope["code"].as_i64()), (StatusCode::PAYLOAD_TOO_LARGE, Some(41300)), "{envelope}");
    assert!(envelope["msg"].as_str().unwrap().contains(setting), "{envelope}");
}

fn text_of(bytes: usize) -> Vec<u8> {
    "Total: 1.00\n".bytes().cycle().take(bytes).collect()
}

#[tokio::test]
async fn more_parts_than_the_limit_refuse_the_whole_upload() {
    let mut settings = test_settings();
    settings.limits.upload_parts = 3;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace().await;
    let files: Vec<(&str, Vec<u8>)> = (0..4).map(|_| ("a.txt", text_of(10))).collect();
    let (status, envelope) = upload(&app, &format!("workspace_id={ws}"), &files).await;
    assert_too_large(status, &envelope, "limits.upload_parts");
    let (status, envelope) = upload(&app, &format!("workspace_id={ws}"), &files[..3]).await;
    assert_success(status, &envelope);
}

#[tokio::test]
async fn more_bytes_than_the_request_limit_refuse_the_whole_upload() {
    let mut settings = test_settings();
    settings.limits.upload_request_bytes = 100_000;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace().await;
    let files = [("a.txt", text_of(60_000)), ("b.txt", text_of(60_000))];
    let (status, envelope) = upload(&app, &format!("workspace_id={ws}"), &files).await;
    assert_too_large(status, &envelope, "limits.upload_request_bytes");
    let listed = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    assert_eq!(listed["files"].as_array().map_or(0, Vec::len), 0, "nothing of a refused upload is stored");
}

#[tokio::test]
async fn a_signed_upload_larger_than_the_json_limit_is_accepted_up_to_the_upload_limit() {
    let mut settings = test_settings();
    settings.limits.upload_file_bytes = 4 * 1024 * 1024;
    settings.limits.upload_request_bytes = 5 * 1024 * 1024;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace().await;

    let (status, envelope) = signed_upload(&app, &ws, multipart_body(&[("big.txt", text_of(3 * 1024 * 1024))])).await;
    assert_success(status, &envelope);
    assert_eq!(envelope["result"]["files"][0]["name"], "big.txt");

    let too_large = multipart_body(&[("a.txt", text_of(3 * 1024 * 1024)), ("b.txt", text_of(3 * 1024 * 1024))]);
    let (status, envelope) = signed_upload(&app, &ws, too_large).await;
    assert_too_large(status, &envelope, "limits.upload_request_bytes");
}
