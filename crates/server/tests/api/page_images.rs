//! `file/page_image`: a task's page as PNG, upright, at the size of the
//! vertices `file/fetch` gives, behind the usual credentials and tenancy.

use serde_json::Value;

use crate::files::{INVOICE, invoice_image, run_jobs, upload, workspace_with_category};
use crate::helpers::{TestApp, assert_error};

/// The width and height a PNG's header states.
fn png_size(png: &[u8]) -> (i64, i64) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let number = |at: usize| i64::from(u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]));
    (number(16), number(20))
}

/// The extracted file named `name`, with its pages.
async fn file(app: &TestApp, ws: &str, name: &str) -> Value {
    let fetched = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    fetched["files"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone()
}

#[tokio::test]
async fn an_image_page_is_answered_as_png_at_its_vertices_size() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    let files = [("scan.png", invoice_image()), ("notes.txt", INVOICE.as_bytes().to_vec())];
    let (status, envelope) =
        upload(&app, &format!("workspace_id={ws}&category=Invoice&parser_ocr_languages=eng"), &files).await;
    assert_eq!((status.as_u16(), envelope["code"].as_i64()), (200, Some(200)), "{envelope}");
    run_jobs(&app).await;
    let scan = file(&app, &ws, "scan.png").await;
    let task = scan["task_id"].as_str().unwrap();

    let response = app
        .http
        .get(app.url(&format!("/file/page_image?workspace_id={ws}&task_id={task}&page=0")))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-secret-code", &app.app.secret_code)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let png = response.bytes().await.unwrap();
    let page = &scan["pages"][0];
    assert_eq!(png_size(&png), (page["width"].as_i64().unwrap(), page["height"].as_i64().unwrap()));

    let (status, envelope) = app.get(&format!("/file/page_image?workspace_id={ws}&task_id={task}&page=1")).await;
    assert_error(status, &envelope, 400, &["page", "has 1 page,", "numbered from 0"]);
    let text = file(&app, &ws, "notes.txt").await;
    let text_task = text["task_id"].as_str().unwrap();
    let (status, envelope) = app.get(&format!("/file/page_image?workspace_id={ws}&task_id={text_task}")).await;
    assert_error(status, &envelope, 400, &["task_id", "txt file", "no page images"]);
    let (status, envelope) = app.get(&format!("/file/page_image?workspace_id={ws}")).await;
    assert_error(status, &envelope, 400, &["task_id"]);

    // Another app sees neither the workspace nor its files.
    let stranger = app.new_app(None).await;
    let (status, envelope) =
        app.get_as(&stranger, &format!("/file/page_image?workspace_id={ws}&task_id={task}&page=0")).await;
    assert_eq!(status, 200);
    assert_ne!(envelope["code"], 200, "{envelope}");
    assert!(envelope["msg"].as_str().unwrap().contains("not found"), "{envelope}");
}

#[tokio::test]
async fn the_page_image_is_documented_as_png_or_an_error_envelope() {
    let app = TestApp::spawn().await;
    let doc: Value = app.http.get(format!("{}/openapi.json", app.address)).send().await.unwrap().json().await.unwrap();
    let content = &doc["paths"]["/api/app-api/sip/platform/v2/file/page_image"]["get"]["responses"]["200"]["content"];
    assert!(content["image/png"].is_object(), "{content}");
    assert!(content["application/json"].is_object(), "business errors are answered as JSON: {content}");
}
