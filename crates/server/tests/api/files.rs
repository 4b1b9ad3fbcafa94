//! Uploads, extraction, results, corrections, retries and deletes over HTTP.
//! Jobs are run by the test itself, one at a time, so nothing waits on timers.

use std::time::Duration;

use docreview_engine::Outcome;
use docreview_engine::workflow::extraction::try_execute_job;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, assert_success, read, sandbox};

pub(crate) const INVOICE: &str =
    "ACME Supplies Ltd.\nInvoice No.: INV-2024-0042\nInvoice Date: 2024年3月5日\n\nTotal：1,234.50\n";

/// A workspace with an "Invoice" category whose fields are Invoice No., Invoice
/// Date (as yyyy-MM-dd) and Total.
pub(crate) async fn workspace_with_category(app: &TestApp) -> String {
    let ws = app.workspace().await;
    create_category(app, &ws, "Invoice").await;
    ws
}

/// Creates an invoice-like category named `name` in `ws`; answers its id.
pub(crate) async fn create_category(app: &TestApp, ws: &str, name: &str) -> String {
    let fields = json!([
        {"name": "Invoice No.", "alias": ["Invoice Number"]},
        {"name": "Invoice Date", "transform_settings": {"type": "datetime", "datetime_settings": {"format": "yyyy-MM-dd"}}},
        {"name": "Total"}
    ]);
    let form = Form::new()
        .text("workspace_id", ws.to_owned())
        .text("name", name.to_owned())
        .text("extract_model", "Acgpt")
        .text("fields", fields.to_string())
        .part("sample_files", Part::bytes(INVOICE.as_bytes().to_vec()).file_name("sample.txt"));
    let (status, envelope) = send(app, app.http.post(app.url("/category/create")).multipart(form)).await;
    assert_success(status, &envelope);
    envelope["result"]["category_id"].as_str().unwrap().to_owned()
}

async fn send(app: &TestApp, request: reqwest::RequestBuilder) -> (reqwest::StatusCode, Value) {
    let request = request.header("x-ti-app-id", &app.app.app_id).header("x-ti-secret-code", &app.app.secret_code);
    read(request.send().await.unwrap()).await
}

pub(crate) async fn upload(app: &TestApp, query: &str, files: &[(&str, Vec<u8>)]) -> (reqwest::StatusCode, Value) {
    let mut form = Form::new();
    for (name, content) in files {
        form = form.part("file", Part::bytes(content.clone()).file_name(name.to_string()));
    }
    send(app, app.http.post(app.url(&format!("/file/upload?{query}"))).multipart(form)).await
}

/// Runs queued extraction jobs until none is left.
pub(crate) async fn run_jobs(app: &TestApp) {
    let sandbox = sandbox();
    while try_execute_job(&app.store, &sandbox, Duration::from_secs(30)).await.unwrap() == Outcome::Worked {}
}

fn field<'a>(file: &'a Value, key: &str) -> &'a Value {
    file["data"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("{key} in {file}"))
}

#[tokio::test]
async fn an_uploaded_text_invoice_yields_its_fields_with_positions() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    let (status, envelope) =
        upload(&app, &format!("workspace_id={ws}&category=Invoice"), &[("inv.txt", INVOICE.into())]).await;
    assert_success(status, &envelope);
    let uploaded = &envelope["result"];
    assert!(uploaded["batch_number"].as_str().is_some_and(|b| !b.is_empty() && b.len() <= 20));
    let file = &uploaded["files"][0];
    assert_eq!((file["name"].as_str(), file["format"].as_str()), (Some("inv.txt"), Some("txt")));

    let pending = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    assert_eq!(pending["files"][0]["recognition_status"], 0);
    run_jobs(&app).await;

    let fetched = app
        .ok_get(&format!(
            "/file/fetch?workspace_id={ws}&task_id={}&with_document=true",
            file["task_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!((fetched["total"].as_i64(), fetched["page_size"].as_i64()), (Some(1), Some(1000)));
    let result = &fetched["files"][0];
    assert_eq!((result["recognition_status"].as_i64(), result["category"].as_str()), (Some(1), Some("Invoice")));
    assert_eq!(field(result, "Invoice No.")["value"], "INV-2024-0042");
    assert_eq!(field(result, "Invoice Date")["value"], "2024-03-05");
    assert_eq!(field(result, "Total")["value"], "1,234.50");
    let position = &field(result, "Invoice No.")["position"][0];
    assert_eq!(position["page"], 0);
    assert_eq!(position["vertices"].as_array().unwrap().len(), 8);
    assert!(result["document"]["pages"][0]["lines"].as_array().unwrap().len() >= 4);
    let without = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    assert!(without["files"][0].get("document").is_none());
}

#[tokio::test]
async fn bad_files_fail_with_a_precise_cause_and_leave_the_others_alone() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    let oversized = vec![b'a'; 1024 * 1024 + 1];
    let files = [
        ("good.txt", INVOICE.as_bytes().to_vec()),
        ("empty.txt", Vec::new()),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF".to_vec()),
        ("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("huge.txt", oversized),
    ];
    let (status, envelope) = upload(&app, &format!("workspace_id={ws}&category=Invoice"), &files).await;
    assert_success(status, &envelope);
    run_jobs(&app).await;
    let fetched = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    let by_name = |name: &str| fetched["files"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone();
    assert_eq!(by_name("good.txt")["recognition_status"], 1);
    assert_eq!(field(&by_name("good.txt"), "Invoice No.")["value"], "INV-2024-0042");
    for (name, words) in
        [("empty.txt", "empty"), ("broken.pdf", "PDF"), ("picture.png", "png"), ("huge.txt", "upload limit")]
    {
        let file = by_name(name);
        assert_eq!(file["recognition_status"], 2, "{file}");
        let cause = file["failure_causes"].as_str().unwrap();
        assert!(cause.to_lowercase().contains(&words.to_lowercase()), "{name}: {cause}");
    }
}

#[tokio::test]
async fn an_unknown_category_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    let (status, envelope) =
        upload(&app, &format!("workspace_id={ws}&category=Receipt"), &[("a.txt", INVOICE.into())]).await;
    assert_error(status, &envelope, 1_005_010_000, &["Receipt"]);
    assert_eq!(app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await["total"], 0);
}

#[tokio::test]
async fn a_file_without_category_and_without_matching_rules_fails_with_no_category_matched() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    upload(&app, &format!("workspace_id={ws}"), &[("a.txt", INVOICE.into())]).await;
    run_jobs(&app).await;
    let file = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await["files"][0].clone();
    assert_eq!(file["recognition_status"], 2);
    assert!(file["failure_causes"].as_str().unwrap().contains("no category matched"), "{file}");
}

#[tokio::test]
async fn a_correction_replaces_the_fields_and_a_retry_restores_the_extraction() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    let (_, envelope) =
        upload(&app, &format!("workspace_id={ws}&category=Invoice&batch_number=B1"), &[("a.txt", INVOICE.into())])
            .await;
    let file_id = envelope["result"]["files"][0]["id"].as_str().unwrap().to_owned();
    let task_id = envelope["result"]["files"][0]["task_id"].as_str().unwrap().to_owned();

    let (status, envelope) = app.post("/file/retry", json!({"workspace_id": ws, "task_id": task_id})).await;
    assert_error(status, &envelope, 40900, &["still being processed"]);
    run_jobs(&app).await;

    let corrected = json!([{"workspace_id": ws, "file_id": file_id, "data": {"fields": [
        {"key": "Total", "value": "999.00", "position": [{"page": 0, "vertices": [1, 2, 3, 2, 3, 4, 1, 4]}]}], "items": []}}]);
    let updated = app.ok_post("/file/update", corrected).await;
    assert_eq!(updated, json!({"files": [{"workspace_id": ws, "id": file_id}]}));
    let file = app.ok_get(&format!("/file/fetch?workspace_id={ws}&file_id={file_id}")).await["files"][0].clone();
    assert_eq!(file["data"]["fields"].as_array().unwrap().len(), 1, "full replacement: {file}");
    assert_eq!(field(&file, "Total")["value"], "999.00");

    let bad = json!([{"workspace_id": ws, "file_id": file_id, "data": {"fields": [{"key": "Total", "value": "1", "position": [{"page": 0, "vertices": [1, 2]}]}]}}]);
    let (status, envelope) = app.post("/file/update", bad).await;
    assert_error(status, &envelope, 400, &["[0].data.fields[0].position[0].vertices"]);

    app.ok_post("/file/retry", json!({"workspace_id": ws, "task_id": task_id})).await;
    run_jobs(&app).await;
    let file = app.ok_get(&format!("/file/fetch?workspace_id={ws}&batch_number=B1")).await["files"][0].clone();
    assert_eq!(field(&file, "Total")["value"], "1,234.50");
    assert_eq!(field(&file, "Invoice No.")["value"], "INV-2024-0042");
}

#[tokio::test]
async fn files_are_deleted_by_any_matching_condition() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    for batch in ["B1", "B2", "B3"] {
        upload(&app, &format!("workspace_id={ws}&category=Invoice&batch_number={batch}"), &[("a.txt", INVOICE.into())])
            .await;
    }
    let files = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await["files"].clone();
    let b3_task = files[0]["task_id"].as_str().unwrap().to_owned();
    let deleted =
        app.ok_post("/file/delete", json!({"workspace_id": ws, "batch_number": ["B1"], "task_id": [b3_task]})).await;
    assert_eq!(deleted["deleted_count"], 2);
    let left = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    assert_eq!(left["files"][0]["batch_number"], "B2");
    let (status, envelope) = app.post("/file/delete", json!({"workspace_id": ws})).await;
    assert_error(status, &envelope, 400, &["at least one of"]);
}

#[tokio::test]
async fn amending_the_category_re_extracts_and_unknown_categories_are_refused() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    let (_, envelope) = upload(&app, &format!("workspace_id={ws}"), &[("a.txt", INVOICE.into())]).await;
    let task_id = envelope["result"]["files"][0]["task_id"].as_str().unwrap().to_owned();
    run_jobs(&app).await;
    let (status, envelope) =
        app.post("/file/amend_category", json!({"workspace_id": ws, "task_id": task_id, "category": "Nope"})).await;
    assert_error(status, &envelope, 1_005_010_000, &["Nope"]);
    app.ok_post("/file/amend_category", json!({"workspace_id": ws, "task_id": task_id, "category": "Invoice"})).await;
    run_jobs(&app).await;
    let file = app.ok_get(&format!("/file/fetch?workspace_id={ws}&task_id={task_id}")).await["files"][0].clone();
    assert_eq!((file["recognition_status"].as_i64(), file["category"].as_str()), (Some(1), Some("Invoice")));
}

#[tokio::test]
async fn upload_by_url_names_the_unreachable_url() {
    let mut settings = crate::helpers::test_settings();
    settings.fetch.allow = vec!["127.0.0.1".to_owned()];
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace().await;
    let url = "http://127.0.0.1:9/invoice.pdf";
    let (status, envelope) = app.post(&format!("/file/upload?workspace_id={ws}"), json!({"urls": [url]})).await;
    assert_error(status, &envelope, 400, &["urls[0]", url, "multipart"]);
}

/// `examples/invoice.png`: the example invoice rendered at 150 dpi, no text layer.
pub(crate) fn invoice_image() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/invoice.png");
    std::fs::read(path).unwrap()
}

#[tokio::test]
async fn an_image_of_the_invoice_is_read_by_ocr_in_the_languages_asked_for() {
    let app = TestApp::spawn().await;
    let ws = workspace_with_category(&app).await;
    let files = [("scan.png", invoice_image()), ("scan-klingon.png", invoice_image())];
    let (status, envelope) =
        upload(&app, &format!("workspace_id={ws}&category=Invoice&parser_ocr_languages=eng"), &files[..1]).await;
    assert_success(status, &envelope);
    assert_eq!(envelope["result"]["files"][0]["format"], "png");
    let (status, envelope) =
        upload(&app, &format!("workspace_id={ws}&category=Invoice&parser_ocr_languages=klingon"), &files[1..]).await;
    assert_success(status, &envelope);
    run_jobs(&app).await;

    let fetched = app.ok_get(&format!("/file/fetch?workspace_id={ws}&with_document=true")).await;
    let by_name = |name: &str| fetched["files"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone();
    let scan = by_name("scan.png");
    assert_eq!(scan["recognition_status"], 1, "{scan}");
    assert_eq!(scan["parser_params"]["ocr_languages"], "eng");
    assert_eq!(field(&scan, "Invoice No.")["value"], "INV-2024-0042");
    assert_eq!(field(&scan, "Invoice Date")["value"], "2024-03-05");
    assert_eq!(field(&scan, "Total")["value"], "EUR 946.05");
    let position = &field(&scan, "Invoice No.")["position"][0];
    assert_eq!(position["page"], 0);
    let vertices: Vec<i64> = position["vertices"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
    // The value sits right of its label on the label's line, near the top
    // left of the 1239 × 1754 page (at 300 dpi stated by no metadata).
    assert!(vertices[0] > 200 && vertices[0] < 800 && vertices[1] > 100 && vertices[7] < 400, "{vertices:?}");
    let page = &scan["pages"][0];
    assert_eq!(
        (page["width"].as_i64(), page["height"].as_i64(), page["angle"].as_i64()),
        (Some(1239), Some(1754), Some(0))
    );
    assert!(scan["document"]["pages"][0]["lines"].as_array().unwrap().len() >= 15);

    let klingon = by_name("scan-klingon.png");
    assert_eq!(klingon["recognition_status"], 2);
    let cause = klingon["failure_causes"].as_str().unwrap();
    assert!(cause.contains("unknown OCR language \"klingon\""), "{cause}");
}
