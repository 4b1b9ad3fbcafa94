//! Multipart forms and a ready-made category for the category tests.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_success, read};

const BOUNDARY: &str = "docreview-test-boundary";

/// A `multipart/form-data` body, built by hand so tests can also send broken ones.
#[derive(Default)]
pub struct Form {
    body: Vec<u8>,
}

impl Form {
    pub fn text(mut self, name: &str, value: &str) -> Self {
        let head = format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n");
        self.body.extend_from_slice(head.as_bytes());
        self.body.extend_from_slice(value.as_bytes());
        self.body.extend_from_slice(b"\r\n");
        self
    }

    pub fn file(mut self, name: &str, file_name: &str, content: &[u8]) -> Self {
        let head = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        );
        self.body.extend_from_slice(head.as_bytes());
        self.body.extend_from_slice(content);
        self.body.extend_from_slice(b"\r\n");
        self
    }

    fn finish(mut self) -> Vec<u8> {
        self.body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        self.body
    }
}

/// Posts a form; the answer must be JSON.
pub async fn post_form(app: &TestApp, path: &str, form: Form) -> (StatusCode, Value) {
    post_multipart(app, path, form.finish()).await
}

/// Posts `body` as `multipart/form-data`, well-formed or not; the answer must be JSON.
pub async fn post_multipart(app: &TestApp, path: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let request = app
        .http
        .post(app.url(path))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-secret-code", &app.app.secret_code)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(body);
    read(request.send().await.unwrap()).await
}

/// `result` of a form post that must succeed.
pub async fn ok_form(app: &TestApp, path: &str, form: Form) -> Value {
    let (status, envelope) = post_form(app, path, form).await;
    assert_success(status, &envelope);
    envelope["result"].clone()
}

/// The form of a category with two fields, a table of two columns and one sample.
pub fn invoice_form(ws: &str, name: &str) -> Form {
    Form::default()
        .text("workspace_id", ws)
        .text("name", name)
        .text("extract_model", "Acgpt")
        .text("fields", &json!([{"name": "Invoice No"}, {"name": "Total"}]).to_string())
        .text("tables", &json!([{"name": "Items", "fields": [{"name": "Date"}, {"name": "Amount"}]}]).to_string())
        .file("sample_files", "a.pdf", b"%PDF-1.4 a")
}

/// Creates that category; returns its id.
pub async fn invoice(app: &TestApp, ws: &str, name: &str) -> String {
    let result = ok_form(app, "/category/create", invoice_form(ws, name)).await;
    result["category_id"].as_str().unwrap().to_owned()
}

/// A string field of a JSON object.
pub fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_else(|| panic!("{key} in {value}")).to_owned()
}
