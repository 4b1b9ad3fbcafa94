//! `kill -9` of the server while uploads are being extracted loses nothing:
//! after a restart every task reaches a terminal status and every file's result
//! was committed exactly once; an event owed to a callback URL is delivered
//! once after the restart.

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

#[test]
fn killing_the_server_before_a_callback_is_delivered_still_delivers_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(create_app(dir.path()));
    // A port nobody listens on yet: the first attempts are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let settings = [("DOCREVIEW_FETCH__ALLOW", r#"["127.0.0.1"]"#), ("DOCREVIEW_ENGINE__CALLBACK_BACKOFF_MS", "1000")];
    let server = Server::start_with(dir.path(), 1, &settings);
    let ws = client.post(
        &server,
        "/workspace/create",
        &json!({"name": "hooks", "auth_scope": 0, "callback_url": format!("http://127.0.0.1:{port}/hook"),
                "callback_retry_time": 3}),
    );
    let ws = ws["workspace_id"].as_str().unwrap().to_owned();
    common::add_invoice_category(&client, &server, &ws);
    let files = (0..3).map(|i| ("invoice.txt", invoice(i).into_bytes())).collect();
    common::upload(&client, &server, &ws, files);

    // Every file is final and its event has failed once: kill the server now.
    let deliveries = |server: &Server| {
        client.get(server, &format!("/workspace/callback/list?workspace_id={ws}"))["deliveries"]
            .as_array()
            .unwrap()
            .clone()
    };
    wait_for("three events tried once", Duration::from_secs(60), || {
        let listed = deliveries(&server);
        (listed.len() == 3 && listed.iter().all(|d| d["attempts"].as_i64() >= Some(1))).then_some(())
    });
    // Nothing listened on the port, so nothing was delivered before the kill.
    server.kill();

    let received = common::receiver::start(std::net::TcpListener::bind(("127.0.0.1", port)).unwrap());
    let restarted = Server::start_with(dir.path(), 1, &settings);
    wait_for("three events delivered", Duration::from_secs(60), || {
        deliveries(&restarted).iter().all(|d| d["state"] == "delivered").then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    let secret = client.get(&restarted, &format!("/workspace/get?workspace_id={ws}"))["callback_secret"]
        .as_str()
        .unwrap()
        .to_owned();
    restarted.kill();

    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 3, "each final status delivered exactly once: {received:?}");
    let mut tasks: Vec<String> = received
        .iter()
        .map(|event| {
            assert!(docreview_core::callback::verify(&secret, &event.signature, &event.body), "{event:?}");
            let body: serde_json::Value = serde_json::from_slice(&event.body).unwrap();
            assert_eq!(body["event"], "extraction.finished");
            body["task_id"].as_str().unwrap().to_owned()
        })
        .collect();
    tasks.sort();
    tasks.dedup();
    assert_eq!(tasks.len(), 3, "one event for each of the three tasks");
}
