//! The command-line client and the demo, run as the built binary: `docreview
//! demo` end to end, and the `review` subcommands against a `docreview serve`
//! started here, including their errors and exit statuses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{API, Client, Server, create_app};
use serde_json::{Value, json};

const INVOICE: &str = include_str!("../../../examples/invoice.txt");
const CATEGORY: &str = include_str!("../../../examples/invoice-category.json");

/// The binary with a clean environment: no server or credentials inherited
/// from the shell that runs the tests.
fn docreview() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_docreview"));
    for variable in ["DOCREVIEW_SERVER", "DOCREVIEW_APP_ID", "DOCREVIEW_SECRET_CODE", "RUST_LOG", "COLUMNS"] {
        command.env_remove(variable);
    }
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A server, an app's credentials, and a client binary pointed at both.
struct Fixture {
    server: Server,
    api: Client,
    _dir: tempfile::TempDir,
}

impl Fixture {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let api = Client::new(create_app(dir.path()));
        let server = Server::start(dir.path(), 2);
        Self { server, api, _dir: dir }
    }

    /// `docreview review …` with the server and credentials in the environment.
    fn review(&self, args: &[&str]) -> Output {
        docreview()
            .arg("review")
            .args(args)
            .env("DOCREVIEW_SERVER", &self.server.base)
            .env("DOCREVIEW_APP_ID", &self.api.app_id)
            .env("DOCREVIEW_SECRET_CODE", &self.api.secret)
            .output()
            .unwrap()
    }

    /// A `review` command that must succeed; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.review(args);
        assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
        text(&output.stdout)
    }

    /// A direct API call for the setup the client commands do not cover.
    fn send(&self, request: reqwest::blocking::RequestBuilder) -> Value {
        self.api.send(request)
    }

    fn post(&self, path: &str, body: &Value) -> Value {
        self.api.post(&self.server, &format!("/{path}"), body)
    }
}

/// Review inputs: an extracted invoice in batch B1 and a repository with a rule
/// that passes and one that does not.
struct Inputs {
    ws: String,
    repo: String,
    passing_rule: String,
}

fn inputs(fixture: &Fixture) -> Inputs {
    let ws = fixture.post("workspace/create", &json!({"name": "CLI", "auth_scope": 0}))["workspace_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let category: Value = serde_json::from_str(CATEGORY).unwrap();
    let part = |content: &str, name: &str| {
        reqwest::blocking::multipart::Part::bytes(content.as_bytes().to_vec()).file_name(name.to_owned())
    };
    let form = reqwest::blocking::multipart::Form::new()
        .text("workspace_id", ws.clone())
        .text("name", "Invoice")
        .text("extract_model", "Acgpt")
        .text("fields", category["fields"].to_string())
        .part("sample_files", part(INVOICE, "sample.txt"));
    let url = |path: &str| format!("{}{API}/{path}", fixture.server.base);
    fixture.send(fixture.api.http.post(url("category/create")).multipart(form));
    let upload = reqwest::blocking::multipart::Form::new().part("file", part(INVOICE, "invoice.txt"));
    fixture.send(
        fixture
            .api
            .http
            .post(url(&format!("file/upload?workspace_id={ws}&category=Invoice&batch_number=B1")))
            .multipart(upload),
    );
    let repo = fixture.post("review/rule_repo/create", &json!({"workspace_id": ws, "name": "Checks"}))["repo_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let group = fixture
        .post("review/rule_group/create", &json!({"workspace_id": ws, "repo_id": repo, "name": "Amounts"}))["group_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut rules = Vec::new();
    for (name, expression) in [
        ("Total above 100", "money(doc.Invoice.fields.Total) > 100.0"),
        ("Total above 5000", "money(doc.Invoice.fields.Total) > 5000.0"),
    ] {
        let body = json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": name,
                          "prompt": name, "risk_level": 30, "expression": expression});
        rules.push(fixture.post("review/rule/create", &body)["rule_id"].as_str().unwrap().to_owned());
    }
    Inputs { ws, repo, passing_rule: rules.swap_remove(0) }
}

/// Polls `review result --json` until the task has finished.
fn finished(fixture: &Fixture, ws: &str, task: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let result: Value = serde_json::from_str(&fixture.ok(&["result", ws, task, "--json"])).unwrap();
        if [1, 2, 4, 7].contains(&result["status"].as_i64().unwrap()) {
            return result;
        }
        assert!(Instant::now() < deadline, "the review did not finish: {result}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn assert_fails(output: &Output, stderr_start: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stderr).starts_with(stderr_start), "{:?}", text(&output.stderr));
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
}

#[test]
fn the_review_commands_submit_show_retry_list_and_delete_a_task() {
    let fixture = Fixture::start();
    let Inputs { ws, repo, passing_rule } = inputs(&fixture);

    let task = fixture.ok(&["submit", &ws, &repo, "CLI review", "--batch-number", "B1"]).trim().to_owned();
    assert!(task.parse::<u64>().is_ok(), "{task}");
    let result = finished(&fixture, &ws, &task);
    assert_eq!((result["status"].as_i64(), result["task_name"].as_str()), (Some(4), Some("CLI review")));

    let table = fixture.ok(&["result", &ws, &task]);
    assert!(table.starts_with(&format!("Review task {task} \"CLI review\": not passed\n")), "{table}");
    assert!(table.contains("Rules: 1 passed, 1 not passed, 0 errors, 0 not triggered"), "{table}");
    let row = |rule: &str| table.lines().find(|line| line.contains(rule)).unwrap_or_else(|| panic!("{table}"));
    assert!(row("Total above 100").contains("low   passed"), "{table}");
    assert!(row("Total above 5000").contains("low   not passed"), "{table}");
    assert!(row("Total above 5000").contains("expression is false"), "{table}");

    assert!(fixture.ok(&["retry", &ws, &task]).contains("running again"));
    assert_eq!(finished(&fixture, &ws, &task)["status"], 4);
    assert!(fixture.ok(&["retry-rule", &ws, &task, "--rule-id", &passing_rule]).contains("running again"));
    assert_eq!(finished(&fixture, &ws, &task)["status"], 4);
    assert_fails(&fixture.review(&["retry-rule", &ws, &task, "--rule-id", "999"]), "error 1005040001: ");

    let by_id = fixture.ok(&[
        "submit",
        &ws,
        &repo,
        "By id",
        "--extract-task-id",
        result["extract_task_ids"][0].as_str().unwrap(),
    ]);
    let list = fixture.ok(&["list", &ws]);
    assert!(list.starts_with("TASK "), "{list}");
    for (id, name) in [(task.as_str(), "CLI review"), (by_id.trim(), "By id")] {
        assert!(list.lines().any(|line| line.starts_with(id) && line.contains(name)), "{list}");
    }
    assert!(list.ends_with("Tasks 1–2 of 2 (page 1, 20 per page).\n"), "{list}");
    assert!(fixture.ok(&["list", &ws, "--status", "1"]).starts_with("No review tasks"));

    assert!(fixture.ok(&["delete", &ws, &task]).contains(&format!("Deleted review task {task}.")));
    assert_fails(&fixture.review(&["result", &ws, &task]), "error 1005040000: ");
    assert_fails(&fixture.review(&["retry", &ws, &task]), "error 1005040000: ");
}

#[test]
fn an_unknown_task_a_wrong_secret_and_an_unreachable_server_exit_with_status_1() {
    let fixture = Fixture::start();
    let ws = fixture.post("workspace/create", &json!({"name": "CLI", "auth_scope": 0}))["workspace_id"]
        .as_str()
        .unwrap()
        .to_owned();

    assert_fails(&fixture.review(&["result", &ws, "123"]), "error 1005040000: ");

    let wrong_secret = docreview()
        .args(["review", "list", &ws, "--server", &fixture.server.base, "--app-id", &fixture.api.app_id])
        .args(["--secret-code", "not-the-secret"])
        .output()
        .unwrap();
    assert_fails(&wrong_secret, "error 40102: ");

    let unreachable = docreview()
        .args(["review", "list", &ws, "--server", "http://127.0.0.1:1"])
        .env("DOCREVIEW_APP_ID", &fixture.api.app_id)
        .env("DOCREVIEW_SECRET_CODE", &fixture.api.secret)
        .output()
        .unwrap();
    assert_fails(&unreachable, "docreview: cannot reach the docreview server at http://127.0.0.1:1");

    let no_credentials = docreview().args(["review", "list", &ws, "--server", &fixture.server.base]).output().unwrap();
    assert_fails(&no_credentials, "docreview: no app id");
}

#[test]
fn the_demo_shows_the_wrong_rule_not_passing_then_every_rule_passing_after_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let output = docreview().arg("demo").env("TMPDIR", tmp.path()).output().unwrap();
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", text(&output.stderr));

    let (before, after) = stdout.split_once("Fixing the rule").unwrap_or_else(|| panic!("{stdout}"));
    assert!(before.contains("Uploading 3 example invoices (invoice.txt, invoice.md, invoice.pdf)"), "{stdout}");
    assert!(before.contains("Rules: 3 passed, 1 not passed, 0 errors, 0 not triggered"), "{stdout}");
    let row = |part: &str, rule: &str| {
        let is_row = |line: &&str| (line.starts_with("Amounts") || line.starts_with("Parties")) && line.contains(rule);
        part.lines().find(is_row).unwrap_or_else(|| panic!("{stdout}")).to_owned()
    };
    assert!(row(before, "Total includes tax").contains("not passed"), "{stdout}");
    assert!(row(before, "Tax amount").contains(" passed"), "{stdout}");

    assert!(after.contains("Rules: 4 passed, 0 not passed, 0 errors, 0 not triggered"), "{stdout}");
    for rule in ["Tax amount", "Total includes tax", "Line items add up", "Seller and buyer named"] {
        let line = row(after, rule);
        assert!(line.contains(" passed") && !line.contains("not passed"), "{line}");
    }
    assert!(stdout.ends_with("All 4 rules passed.\n"), "{stdout}");
    // The throwaway database went with the server.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "the demo left files behind");
}
