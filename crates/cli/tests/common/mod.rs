//! The real `docreview serve` binary for the integration tests: started on a
//! free port over a data directory, called over HTTP with an app's
//! credentials, killed with SIGKILL. Each test binary uses part of it.

#![allow(dead_code)]

pub mod hostile_pdf;
pub mod liveness;
pub mod receiver;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::blocking::RequestBuilder;
use reqwest::blocking::multipart::{Form, Part};
use serde_json::{Value, json};

pub const API: &str = "/api/app-api/sip/platform/v2";

/// A running server process; killed when dropped, so a failing test leaves
/// no server behind.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `docreview serve` on a free port with `workers` workers, a short
    /// lease (a killed claim is picked up again quickly) and quick polling.
    pub fn start(data_dir: &Path, workers: usize) -> Self {
        Self::start_with(data_dir, workers, &[])
    }

    /// As [`Server::start`], with more settings as `DOCREVIEW_…` variables.
    pub fn start_with(data_dir: &Path, workers: usize, settings: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_docreview"))
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .env("DOCREVIEW_ENGINE__WORKERS", workers.to_string())
            .env("DOCREVIEW_ENGINE__LEASE_MS", "1500")
            .env("DOCREVIEW_ENGINE__POLL_MS", "50")
            .env("DOCREVIEW_LOG__FILTER", "warn")
            .envs(settings.iter().copied())
            .current_dir(data_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        for line in stdout.lines() {
            let line = line.unwrap();
            if let Some(address) = line.strip_prefix("docreview listening on ") {
                return Self { child, base: address.to_owned() };
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server never said where it listens");
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running (it has not exited or been killed).
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// `kill -9`: no shutdown path runs, claims stay leased.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Creates an app with the CLI; its app id and secret.
pub fn create_app(data_dir: &Path) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_docreview"))
        .args(["app", "create", "--name", "test app", "--json", "--data-dir"])
        .arg(data_dir)
        .current_dir(data_dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let app: Value = serde_json::from_slice(&output.stdout).unwrap();
    (app["app_id"].as_str().unwrap().to_owned(), app["secret_code"].as_str().unwrap().to_owned())
}

/// An HTTP client holding one app's credentials.
pub struct Client {
    pub http: reqwest::blocking::Client,
    pub app_id: String,
    pub secret: String,
}

impl Client {
    pub fn new((app_id, secret): (String, String)) -> Self {
        docreview_engine::tls::install_crypto_provider();
        Self { http: reqwest::blocking::Client::new(), app_id, secret }
    }

    /// `result` of a call that must succeed.
    pub fn send(&self, request: RequestBuilder) -> Value {
        let response = request.header("x-ti-app-id", &self.app_id).header("x-ti-secret-code", &self.secret).send();
        let body: Value = response.unwrap().json().unwrap();
        assert_eq!(body["code"], 200, "{body}");
        body["result"].clone()
    }

    pub fn post(&self, server: &Server, path: &str, body: &Value) -> Value {
        self.send(self.http.post(format!("{}{API}{path}", server.base)).json(body))
    }

    pub fn get(&self, server: &Server, path_and_query: &str) -> Value {
        self.send(self.http.get(format!("{}{API}{path_and_query}", server.base)))
    }
}

/// Polls `probe` until it answers `Some`, failing with `what` after `limit`.
pub fn wait_for<T>(what: &str, limit: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(Instant::now() < deadline, "{what} within {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A file of the repository's `examples/`.
pub fn example(name: &str) -> Vec<u8> {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A new workspace holding the example invoice category; its id.
pub fn invoice_category(client: &Client, server: &Server, name: &str) -> String {
    let ws = client.post(server, "/workspace/create", &json!({"name": name, "auth_scope": 0}));
    let ws = ws["workspace_id"].as_str().unwrap().to_owned();
    add_invoice_category(client, server, &ws);
    ws
}

/// Creates the example invoice category, named Invoice, in `ws`; its id.
pub fn add_invoice_category(client: &Client, server: &Server, ws: &str) -> String {
    let definition: Value = serde_json::from_slice(&example("invoice-category.json")).unwrap();
    let category = Form::new()
        .text("workspace_id", ws.to_owned())
        .text("name", "Invoice")
        .text("extract_model", "Acgpt")
        .text("fields", definition["fields"].to_string())
        .text("tables", definition["tables"].to_string())
        .part("sample_files", Part::bytes(example("invoice.txt")).file_name("invoice.txt"));
    let category = client.send(client.http.post(format!("{}{API}/category/create", server.base)).multipart(category));
    category["category_id"].as_str().unwrap().to_owned()
}

/// Uploads `files` into `ws` as category Invoice; the batch number.
pub fn upload(client: &Client, server: &Server, ws: &str, files: Vec<(&str, Vec<u8>)>) -> String {
    let mut form = Form::new();
    for (name, content) in files {
        form = form.part("file", Part::bytes(content).file_name(name.to_owned()));
    }
    let url = format!("{}{API}/file/upload?workspace_id={ws}&category=Invoice", server.base);
    client.send(client.http.post(url).multipart(form))["batch_number"].as_str().unwrap().to_owned()
}

/// Waits until every file of `batch` has finished (status 1 or 2); the files.
pub fn finished_files(client: &Client, server: &Server, ws: &str, batch: &str, limit: Duration) -> Vec<Value> {
    wait_for("every file finished", limit, || {
        let files = client.get(server, &format!("/file/fetch?workspace_id={ws}&batch_number={batch}"));
        let files = files["files"].as_array().unwrap().clone();
        files.iter().all(|f| f["recognition_status"] == 1 || f["recognition_status"] == 2).then_some(files)
    })
}

/// A new workspace with the example invoice category and the example
/// invoice uploaded in batch `batch` and extracted; its id and the
/// category's.
pub fn invoice_workspace(client: &Client, server: &Server, batch: &str) -> (String, String) {
    let ws = client.post(server, "/workspace/create", &json!({"name": format!("{batch} review"), "auth_scope": 0}));
    let ws = ws["workspace_id"].as_str().unwrap().to_owned();
    let category_id = add_invoice_category(client, server, &ws);

    let upload = format!("{}{API}/file/upload?workspace_id={ws}&category=Invoice&batch_number={batch}", server.base);
    let form = Form::new().part("file", Part::bytes(example("invoice.txt")).file_name("invoice.txt"));
    client.send(client.http.post(upload).multipart(form));
    wait_for("the invoice extracted", Duration::from_secs(60), || {
        let files = client.get(server, &format!("/file/fetch?workspace_id={ws}&batch_number={batch}"));
        let status = files["files"][0]["recognition_status"].as_i64();
        assert_ne!(status, Some(2), "{files}");
        (status == Some(1)).then_some(())
    });
    (ws, category_id)
}
