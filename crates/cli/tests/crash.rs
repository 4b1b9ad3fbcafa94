//! `kill -9` of the server while uploads are being extracted loses nothing:
//! after a restart every task reaches a terminal status and every file's result
//! was committed exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const API: &str = "/api/app-api/sip/platform/v2";
const FILES: usize = 300;

struct Server {
    child: Child,
    base: String,
}

/// Starts `docreview serve` on a free port with one slow-ish worker and a short lease.
fn start(data_dir: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_docreview"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env("DOCREVIEW_ENGINE__WORKERS", "1")
        .env("DOCREVIEW_ENGINE__LEASE_MS", "1500")
        .env("DOCREVIEW_ENGINE__POLL_MS", "50")
        .env("DOCREVIEW_LOG__FILTER", "warn")
        .current_dir(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some(address) = line.strip_prefix("docreview listening on ") {
            return Server { child, base: address.to_owned() };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server never said where it listens");
}

fn create_app(data_dir: &Path) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_docreview"))
        .args(["app", "create", "--name", "crash test", "--json", "--data-dir"])
        .arg(data_dir)
        .current_dir(data_dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let app: Value = serde_json::from_slice(&output.stdout).unwrap();
    (app["app_id"].as_str().unwrap().to_owned(), app["secret_code"].as_str().unwrap().to_owned())
}

struct Client {
    http: reqwest::blocking::Client,
    app_id: String,
    secret: String,
}

impl Client {
    fn send(&self, request: reqwest::blocking::RequestBuilder) -> Value {
        let response = request.header("x-ti-app-id", &self.app_id).header("x-ti-secret-code", &self.secret).send();
        let body: Value = response.unwrap().json().unwrap();
        assert_eq!(body["code"], 200, "{body}");
        body["result"].clone()
    }
}

fn invoice(i: usize) -> String {
    format!("Invoice No.: INV-{i:05}\nTotal: {i}.00\n")
}

#[test]
fn killing_the_server_mid_extraction_loses_nothing_and_commits_each_result_once() {
    let dir = tempfile::tempdir().unwrap();
    let (app_id, secret) = create_app(dir.path());
    let client = Client { http: reqwest::blocking::Client::new(), app_id, secret };
    let server = start(dir.path());
    let base = server.base.clone();

    let ws = client.send(
        client.http.post(format!("{base}{API}/workspace/create")).json(&json!({"name": "crash", "auth_scope": 0})),
    );
    let ws = ws["workspace_id"].as_str().unwrap().to_owned();
    let fields = json!([{"name": "Invoice No."}, {"name": "Total"}]).to_string();
    let category = reqwest::blocking::multipart::Form::new()
        .text("workspace_id", ws.clone())
        .text("name", "Invoice")
        .text("extract_model", "Acgpt")
        .text("fields", fields)
        .part(
            "sample_files",
            reqwest::blocking::multipart::Part::bytes(invoice(0).into_bytes()).file_name("sample.txt"),
        );
    client.send(client.http.post(format!("{base}{API}/category/create")).multipart(category));

    let mut form = reqwest::blocking::multipart::Form::new();
    for i in 0..FILES {
        let part =
            reqwest::blocking::multipart::Part::bytes(invoice(i).into_bytes()).file_name(format!("invoice-{i}.txt"));
        form = form.part("file", part);
    }
    let upload =
        client.http.post(format!("{base}{API}/file/upload?workspace_id={ws}&category=Invoice")).multipart(form);
    let batch = client.send(upload)["batch_number"].as_str().unwrap().to_owned();

    // Kill as soon as some, but not all, files are done.
    let fetch = |base: &str| {
        let url = format!("{base}{API}/file/fetch?workspace_id={ws}&batch_number={batch}&page_size=1000");
        client.send(client.http.get(url))
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let done_before = loop {
        let files = fetch(&base);
        let done = files["files"].as_array().unwrap().iter().filter(|f| f["recognition_status"] == 1).count();
        if done > 0 {
            break done;
        }
        assert!(Instant::now() < deadline, "no file was extracted within a minute");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut server = server;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    assert!(done_before < FILES, "every file was done before the kill; the test proves nothing");

    let mut restarted = start(dir.path());
    let deadline = Instant::now() + Duration::from_secs(120);
    let files = loop {
        let files = fetch(&restarted.base);
        let list = files["files"].as_array().unwrap().clone();
        if list.iter().all(|f| f["recognition_status"] == 1 || f["recognition_status"] == 2) {
            break list;
        }
        assert!(Instant::now() < deadline, "tasks did not finish after the restart");
        std::thread::sleep(Duration::from_millis(50));
    };
    restarted.child.kill().unwrap();
    restarted.child.wait().unwrap();

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
