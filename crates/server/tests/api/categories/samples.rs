//! `category/sample/*`.

use std::io::{Cursor, Read};

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::form::{Form, invoice, ok_form, post_form, text};
use crate::helpers::{TestApp, assert_error};

fn upload(ws: &str, id: &str) -> Form {
    Form::default().text("workspace_id", ws).text("category_id", id)
}

/// Posts a JSON body and returns the raw answer: status, headers, bytes.
async fn post_raw(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.http
        .post(app.url(path))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-secret-code", &app.app.secret_code)
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn entries(zip_bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes.to_vec())).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (entry.name().unwrap().into_owned(), content)
        })
        .collect()
}

#[tokio::test]
async fn samples_are_uploaded_listed_and_downloaded_as_a_zip() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "发票").await;
    let form = upload(&ws, &id).text("with_detail", "true").file("files", "b.png", b"\x89PNG\x00\xff").file(
        "files",
        "a.pdf",
        b"%PDF second a",
    );
    let uploaded = ok_form(&app, "/category/sample/batch_upload", form).await;
    let new_ids: Vec<String> =
        uploaded["sample_ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    let samples = uploaded["samples"].as_array().unwrap();
    assert_eq!(samples.iter().map(|s| text(s, "file_name")).collect::<Vec<_>>(), ["a.pdf", "b.png", "a.pdf"]);
    assert_eq!(text(&samples[1], "sample_id"), new_ids[0]);

    let page =
        app.ok_get(&format!("/category/sample/list?workspace_id={ws}&category_id={id}&page=2&page_size=2")).await;
    assert_eq!(
        page,
        json!({"total": 3, "page": 2, "page_size": 2, "samples": [{"sample_id": new_ids[1], "file_name": "a.pdf"}]})
    );

    let response =
        post_raw(&app, "/category/sample/batch_download", json!({"workspace_id": ws, "category_id": id})).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("filename*=UTF-8''%E5%8F%91%E7%A5%A8.zip"), "{disposition}");
    let files = entries(&response.bytes().await.unwrap());
    assert_eq!(
        files,
        [
            ("a.pdf".to_owned(), b"%PDF-1.4 a".to_vec()),
            ("b.png".to_owned(), b"\x89PNG\x00\xff".to_vec()),
            ("a (2).pdf".to_owned(), b"%PDF second a".to_vec()),
        ]
    );

    let chosen = post_raw(
        &app,
        "/category/sample/batch_download",
        json!({"workspace_id": ws, "category_id": id, "sample_ids": [new_ids[0]]}),
    )
    .await;
    assert_eq!(entries(&chosen.bytes().await.unwrap()).len(), 1);
}

#[tokio::test]
async fn the_deprecated_single_sample_calls_work() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let uploaded =
        ok_form(&app, "/category/sample/upload", upload(&ws, &id).file("file", "scan 1.jpg", b"\xff\xd8jpeg")).await;
    let sample = text(&uploaded, "sample_id");
    assert!(uploaded.get("samples").is_none());

    let response = app
        .http
        .get(app.url(&format!("/category/sample/download?workspace_id={ws}&category_id={id}&sample_id={sample}")))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-secret-code", &app.app.secret_code)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "application/octet-stream");
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("filename=\"scan 1.jpg\""));
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"\xff\xd8jpeg");

    let two = upload(&ws, &id).file("file", "a.pdf", b"a").file("file", "b.pdf", b"b");
    let (status, envelope) = post_form(&app, "/category/sample/upload", two).await;
    assert_error(status, &envelope, 400, &["file", "at most 1"]);
}

#[tokio::test]
async fn a_category_keeps_at_least_one_and_at_most_twenty_samples() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let listed = app.ok_get(&format!("/category/sample/list?workspace_id={ws}&category_id={id}")).await;
    let only = text(&listed["samples"][0], "sample_id");
    let (status, envelope) =
        app.post("/category/sample/delete", json!({"workspace_id": ws, "category_id": id, "sample_ids": [only]})).await;
    assert_error(status, &envelope, 40900, &["at least one sample"]);

    let nineteen = (0..19).fold(upload(&ws, &id), |form, i| form.file("files", &format!("{i}.pdf"), b"%PDF"));
    let uploaded = ok_form(&app, "/category/sample/batch_upload", nineteen).await;
    let (status, envelope) =
        post_form(&app, "/category/sample/batch_upload", upload(&ws, &id).file("files", "x.pdf", b"x")).await;
    assert_error(status, &envelope, 40900, &["20"]);

    let (status, envelope) = app
        .post(
            "/category/sample/delete",
            json!({"workspace_id": ws, "category_id": id, "sample_ids": [only, "987654321"]}),
        )
        .await;
    assert_error(status, &envelope, 1_005_010_003, &["sample 987654321"]);
    app.ok_post(
        "/category/sample/delete",
        json!({"workspace_id": ws, "category_id": id, "sample_ids": uploaded["sample_ids"]}),
    )
    .await;
    let listed = app.ok_get(&format!("/category/sample/list?workspace_id={ws}&category_id={id}")).await;
    assert_eq!(listed["total"], 1);
}

#[tokio::test]
async fn download_errors_come_as_the_json_envelope() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let response = post_raw(
        &app,
        "/category/sample/batch_download",
        json!({"workspace_id": ws, "category_id": id, "sample_ids": ["987654321"]}),
    )
    .await;
    assert!(response.headers().get("content-disposition").is_none());
    let envelope: Value = response.json().await.unwrap();
    assert_eq!(envelope["code"], 1_005_010_003);

    let (status, envelope) =
        app.get(&format!("/category/sample/download?workspace_id={ws}&category_id=987654321&sample_id=1")).await;
    assert_error(status, &envelope, 1_005_010_000, &["category"]);
}

#[tokio::test]
async fn an_upload_larger_than_the_limit_is_refused_by_name() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let form = upload(&ws, &id).file("files", "ok.pdf", b"%PDF").file("files", "huge.pdf", &vec![0; 1024 * 1024 + 1]);
    let (status, envelope) = post_form(&app, "/category/sample/batch_upload", form).await;
    assert_error(status, &envelope, 1_005_016_010, &["files", "huge.pdf"]);
    let listed = app.ok_get(&format!("/category/sample/list?workspace_id={ws}&category_id={id}")).await;
    assert_eq!(listed["total"], 1);

    let (status, envelope) = post_form(&app, "/category/sample/batch_upload", upload(&ws, &id)).await;
    assert_error(status, &envelope, 400, &["files", "got 0"]);
}
