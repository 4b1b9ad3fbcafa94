//! The API figures of DESIGN §7, against the real `docreview serve` process
//! on the embedded default: requests per second of `review/task/result` for
//! a finished 50-rule task, against the constant `GET /livez` of the same
//! server, measured alternately in one run; and the server's resident memory
//! idle after start and after the load.
//!
//! `cargo bench -p docreview --bench api_rate` (a release build).
//! `API_RATE_CLIENTS` (4) clients send requests back to back, each over its
//! own kept-alive connection, for `API_RATE_SECONDS` (2) per round, in
//! `API_RATE_ROUNDS` (5) rounds per endpoint.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{API, Client, Server, create_app, invoice_workspace, wait_for};
use serde_json::{Value, json};

const RULES: usize = 50;
/// The README's tax check: passes on the example invoice, with three anchors.
const RULE: &str = r#"money_eq(doc.Invoice.fields["Tax Amount"], money(doc.Invoice.fields["Net Amount"]) * percent(doc.Invoice.fields["Tax Rate"]))"#;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(create_app(dir.path()));
    let server = Server::start(dir.path(), 2);
    std::thread::sleep(Duration::from_millis(500));
    let idle = resident_mib(server.pid());
    let result_request = finished_review(&client, &server);

    let (clients, seconds, rounds) =
        (setting("API_RATE_CLIENTS", 4), setting("API_RATE_SECONDS", 2), setting("API_RATE_ROUNDS", 5));
    let round = Duration::from_secs(seconds);
    let live = format!("{}/livez", server.base);
    let result = format!("{}{API}/review/task/result", server.base);
    let (mut constant, mut results) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        constant.push(rate(clients, round, || client.http.get(&live)));
        results.push(rate(clients, round, || {
            client
                .http
                .post(&result)
                .header("x-ti-app-id", &client.app_id)
                .header("x-ti-secret-code", &client.secret)
                .json(&result_request)
        }));
    }
    let after_load = resident_mib(server.pid());
    let (constant_median, result_median) = (median(&constant), median(&results));
    println!(
        "docreview API rate: `docreview serve` on SQLite, {clients} clients, {rounds} rounds of {seconds} s, 2 cores"
    );
    println!("GET /livez (constant JSON):            {constant_median:>8.0} requests/s  (rounds: {})", list(&constant));
    println!("POST review/task/result, {RULES} rules:   {result_median:>8.0} requests/s  (rounds: {})", list(&results));
    println!("result / constant:                     {:>8.3}", result_median / constant_median);
    println!("resident memory: {idle:.1} MiB idle after start, {after_load:.1} MiB after the load");
}

/// Seeds a review of `RULES` expression rules over the example invoice and
/// waits until it finished; the body of its `review/task/result` request.
fn finished_review(client: &Client, server: &Server) -> Value {
    let (ws, _) = invoice_workspace(client, server, "bench");
    let repo = client.post(server, "/review/rule_repo/create", &json!({"workspace_id": ws, "name": "Invoices"}));
    let repo = repo["repo_id"].as_str().unwrap().to_owned();
    let group = client.post(
        server,
        "/review/rule_group/create",
        &json!({"workspace_id": ws, "repo_id": repo, "name": "Amounts"}),
    );
    let group = group["group_id"].as_str().unwrap().to_owned();
    for i in 0..RULES {
        let rule = json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": format!("Rule {i}"),
            "prompt": "The tax amount equals the net amount times the tax rate.", "expression": RULE});
        client.post(server, "/review/rule/create", &rule);
    }
    let submit = json!({"workspace_id": ws, "name": "bench", "repo_id": repo, "batch_number": "bench"});
    let task = client.post(server, "/review/task/submit", &submit)["task_id"].clone();
    let request = json!({"workspace_id": ws, "task_id": task});
    let result = wait_for("the review finished", Duration::from_secs(60), || {
        let result = client.post(server, "/review/task/result", &request);
        (result["status"] == 1).then_some(result)
    });
    let rule_tasks = result["groups"][0]["review_tasks"].as_array().unwrap();
    assert_eq!(rule_tasks.len(), RULES);
    assert!(rule_tasks.iter().all(|r| r["anchors"].as_array().is_some_and(|a| a.len() == 3)), "{result}");
    request
}

/// Requests per second that `clients` threads get, each sending the request
/// `build` makes back to back for `round`; every answer must be a success.
fn rate(clients: u64, round: Duration, build: impl Fn() -> reqwest::blocking::RequestBuilder + Sync) -> f64 {
    let start = Instant::now();
    let done: u64 = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = 0;
                    while start.elapsed() < round {
                        let response = build().send().unwrap();
                        assert!(response.status().is_success(), "{}", response.status());
                        let body = response.bytes().unwrap();
                        assert!(body.starts_with(br#"{"code":200"#), "{}", String::from_utf8_lossy(&body));
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    done as f64 / start.elapsed().as_secs_f64()
}

/// The process's resident set, from `/proc`.
fn resident_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    let kib: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib / 1024.0
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn list(values: &[f64]) -> String {
    values.iter().map(|v| format!("{v:.0}")).collect::<Vec<_>>().join(" ")
}
