//! `kill -9` of the server while uploads are being extracted loses nothing:
//! after a restart every task reaches a terminal status and every file's result
//! was committed exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::{API, Client, Server, create_app, wait_for};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::json;

const FILES: usize = 300;

fn invoice(i: usize) -> String {
    format!("Invoice No.: INV-{i:05}\nTotal: {i}.00\n")
}

#[test]
fn killing_the_server_mid_extraction_loses_nothing_and_commits_each_result_once() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(create_app(dir.path()));
    // All the files go in one upload, more parts than the default limit.
    let parts = FILES.to_string();
    let server = Server::start_with(dir.path(), 1, &[("DOCREVIEW_LIMITS__UPLOAD_PARTS", &parts)]);

    let ws = client.post(&server, "/workspace/create", &json!({"name": "crash", "auth_scope": 0}));
    let ws = ws["workspace_id"].as_str().unwrap().to_owned();
    let fields = json!([{"name": "Invoice No."}, {"name": "Total"}]).to_string();
    let category = Form::new()
        .text("workspace_id", ws.clone())
        .text("name", "Invoice")
        .text("extract_model", "Acgpt")
        .text("fields", fields)
        .part("sample_files", Part::bytes(invoice(0).into_bytes()).file_name("sample.txt"));
    client.send(client.http.post(format!("{}{API}/category/create", server.base)).multipart(category));

    let mut form = Form::new();
    for i in 0..FILES {
        form = form.part("file", Part::bytes(invoice(i).into_bytes()).file_name(format!("invoice-{i}.txt")));
    }
    let upload = format!("{}{API}/file/upload?workspace_id={ws}&category=Invoice", server.base);
    let batch = client.send(client.http.post(upload).multipart(form))["batch_number"].as_str().unwrap().to_owned();

    // Kill as soon as some, but not all, files are done.
    let fetch = |server: &Server| {
        let files = client.get(server, &format!("/file/fetch?workspace_id={ws}&batch_number={batch}&page_size=1000"));
        files["files"].as_array().unwrap().clone()
    };
    let done_before = wait_for("a file extracted", Duration::from_secs(60), || {
        let done = fetch(&server).iter().filter(|f| f["recognition_status"] == 1).count();
        (done > 0).then_some(done)
    });
    server.kill();
    assert!(done_before < FILES, "every file was done before the kill; the test proves nothing");

    let restarted = Server::start(dir.path(), 1);
    let files = wait_for("every task finished after the restart", Duration::from_secs(120), || {
        let list = fetch(&restarted);
        list.iter().all(|f| f["recognition_status"] == 1 || f["recognition_status"] == 2).then_some(list)
    });
    restarted.kill();

    assert_eq!(files.len(), FILES, "no file was lost");
    for file in &files {
        assert_eq!(file["recognition_status"], 1, "{file}");
        let name = file["name"].as_str().unwrap();
        let i: usize = name.trim_start_matches("invoice-").trim_end_matches(".txt").parse().unwrap();
        let invoice_no = file["data"]["fields"].as_array().unwrap().iter().find(|f| f["key"] == "Invoice No.").unwrap();
        assert_eq!(invoice_no["value"], format!("INV-{i:05}"));
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = docreview_store::Store::open_data_dir(dir.path()).await.unwrap();
        for file in &files {
            let id: i64 = file["id"].as_str().unwrap().parse().unwrap();
            assert_eq!(store.file_result_version(id).await.unwrap(), 1, "file {id} was committed more than once");
        }
        let depth = store.queue_depth(docreview_store::jobs::JobKind::Extract).await.unwrap();
        assert_eq!((depth.queued, depth.running), (0, 0));
    });
}
