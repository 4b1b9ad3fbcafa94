//! A scanned invoice through the served pipeline: `examples/invoice.png` (the
//! example invoice as pixels, no text layer) is uploaded with the example
//! category and the default OCR languages, parsed by OCR in the parsing child
//! of a `docreview serve` started here, extracted to the same fields and
//! table rows as `examples/invoice.pdf`, and reviewed with evidence that
//! points into the image.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::{API, Client, Server, create_app, example, finished_files, invoice_category, wait_for};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::{Value, json};

fn upload(client: &Client, server: &Server, ws: &str, batch: &str, name: &str) {
    let url = format!("{}{API}/file/upload?workspace_id={ws}&category=Invoice&batch_number={batch}", server.base);
    let form = Form::new().part("file", Part::bytes(example(name)).file_name(name.to_owned()));
    client.send(client.http.post(url).multipart(form));
}

fn values(file: &Value) -> (Vec<(String, String)>, Value) {
    let fields = file["data"]["fields"].as_array().unwrap();
    let fields = fields.iter().map(|f| (f["key"].as_str().unwrap().into(), f["value"].as_str().unwrap().into()));
    let rows = file["data"]["tables"][0]["items"].as_array().unwrap();
    let rows: Vec<Value> =
        rows.iter().map(|row| row.as_array().unwrap().iter().map(|cell| cell["value"].clone()).collect()).collect();
    (fields.collect(), Value::Array(rows))
}

#[test]
fn a_scanned_invoice_is_extracted_like_the_pdf_and_reviewed_with_evidence_in_the_image() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(create_app(dir.path()));
    let server = Server::start(dir.path(), 2);
    let ws = invoice_category(&client, &server, "Scans");
    upload(&client, &server, &ws, "scan", "invoice.png");
    upload(&client, &server, &ws, "text", "invoice.pdf");
    let scan = finished_files(&client, &server, &ws, "scan", Duration::from_secs(120)).remove(0);
    let text = finished_files(&client, &server, &ws, "text", Duration::from_secs(60)).remove(0);
    assert_eq!(scan["recognition_status"], 1, "{scan}");
    assert_eq!(scan["format"], "png");
    assert_eq!(values(&scan), values(&text), "the image extracts as the PDF does");
    let page = &scan["pages"][0];
    let (width, height) = (page["width"].as_i64().unwrap(), page["height"].as_i64().unwrap());
    assert_eq!((width, height, page["dpi"].as_i64(), page["angle"].as_i64()), (1239, 1754, Some(300), Some(0)));
    for field in scan["data"]["fields"].as_array().unwrap() {
        let position = &field["position"][0];
        let v: Vec<i64> = position["vertices"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        assert_eq!(position["page"], 0, "{field}");
        assert!(
            v.len() == 8 && 0 <= v[0] && v[0] < v[4] && v[4] <= width && 0 <= v[1] && v[1] < v[5] && v[5] <= height
        );
    }

    // A rule over the total, reviewed over the scanned batch.
    let repo = client.post(&server, "/review/rule_repo/create", &json!({"workspace_id": ws, "name": "Checks"}));
    let repo = repo["repo_id"].as_str().unwrap();
    let group = client.post(
        &server,
        "/review/rule_group/create",
        &json!({"workspace_id": ws, "repo_id": repo, "name": "Totals"}),
    );
    let group = group["group_id"].as_str().unwrap();
    let rule = json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": "Total above 100",
        "prompt": "The total is above 100.", "risk_level": 30, "expression": "money(doc.Invoice.fields.Total) > 100.0"});
    client.post(&server, "/review/rule/create", &rule);
    let submit = json!({"workspace_id": ws, "name": "scan review", "repo_id": repo, "batch_number": "scan"});
    let task = client.post(&server, "/review/task/submit", &submit)["task_id"].as_str().unwrap().to_owned();
    let result = wait_for("the review finished", Duration::from_secs(60), || {
        let result = client.post(&server, "/review/task/result", &json!({"workspace_id": ws, "task_id": task}));
        [1, 2, 4, 7].contains(&result["status"].as_i64().unwrap()).then_some(result)
    });
    let rule_task = &result["groups"][0]["review_tasks"][0];
    assert_eq!(rule_task["rule_name"], "Total above 100", "{result}");
    let anchors = rule_task["anchors"].as_array().unwrap();
    let total = anchors.iter().find(|a| a["field_name"] == "Total").unwrap_or_else(|| panic!("{rule_task}"));
    assert_eq!((total["text"].as_str(), total["page"].as_i64()), (Some("946.05"), Some(0)), "{total}");
    assert_eq!(total["file_id"], scan["id"]);
    let expected = scan["data"]["fields"].as_array().unwrap().iter().find(|f| f["key"] == "Total").unwrap();
    assert_eq!(total["vertices"], expected["position"][0]["vertices"], "the evidence is where OCR found the total");
}
