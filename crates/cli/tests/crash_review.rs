//! `kill -9` of the server while a 2,000-rule review is being judged loses
//! nothing: after a restart every rule task ends with the verdict its
//! expression or the model dictates, the statistics count them, and every
//! rule task's verdict was committed exactly once. Expression rules are
//! judged by the plan, all at once; a quarter of the rules are judged by a
//! fake model of fixed latency, one job each, so the kill lands while many
//! of them are queued or waiting for the model.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use common::{Client, Server, create_app, invoice_workspace, wait_for};
use docreview_core::states::{IntCode, JobKind, ReviewStatus, RuleResult, TextCode};
use docreview_fake_model::{FakeModel, Reply};
use docreview_store::Store;
use docreview_store::review::ReviewTaskRow;
use serde_json::{Value, json};

const RULES: usize = 2_000;
/// Rules are created by one thread per group.
const GROUPS: usize = 4;
const WORKERS: usize = 2;
/// The fake model's answer to every rule it judges, and its pace: 500 rules
/// at 8 at a time take about 1.5 s.
const MODEL_REASONING: &str = "The total matches the amounts it is made of.";
const MODEL_LATENCY: Duration = Duration::from_millis(25);
const MODEL_CONCURRENCY: usize = 8;

const PASSED: i64 = RuleResult::Passed.code();
const ERROR: i64 = RuleResult::Error.code();
const NOT_PASSED: i64 = RuleResult::NotPassed.code();

/// Rule `i`'s expression (none: the model judges it) and the verdict it
/// must come to. Every fourth rule is left to the model, which passes it.
/// The example invoice totals 946.05 (795.00 net + 151.05 tax): the other
/// rules compare that with a threshold that varies with `i`, so about half
/// pass; every twentieth reads the seller's name as an amount, an execution
/// error.
fn rule(i: usize) -> (Option<String>, i64) {
    if i % 4 == 3 {
        return (None, PASSED);
    }
    if i % 20 == 6 {
        return (Some(format!(r#"money(doc.Invoice.fields["Seller"]) > {i}.0"#)), ERROR);
    }
    let threshold = i * 7 % 1_900;
    let total = if i.is_multiple_of(2) {
        r#"money(doc.Invoice.fields["Total"])"#
    } else {
        r#"money(doc.Invoice.fields["Net Amount"]) + money(doc.Invoice.fields["Tax Amount"])"#
    };
    (Some(format!("{total} > {threshold}.0")), if threshold <= 946 { PASSED } else { NOT_PASSED })
}

fn rule_name(i: usize) -> String {
    format!("Rule {i:04}")
}

struct Seeded {
    ws: String,
    repo: String,
    /// Rule ids by rule index.
    rule_ids: Vec<String>,
}

/// A workspace with the example invoice category, the example invoice
/// extracted in batch `crash`, and a repository of `RULES` rules (see [`rule`]).
fn seed(client: &Client, server: &Server) -> Seeded {
    let (ws, category_id) = invoice_workspace(client, server, "crash");
    let repo = client.post(server, "/review/rule_repo/create", &json!({"workspace_id": ws, "name": "Crash rules"}));
    let repo = repo["repo_id"].as_str().unwrap().to_owned();
    let mut rule_ids = vec![String::new(); RULES];
    std::thread::scope(|scope| {
        let creators: Vec<_> = (0..GROUPS)
            .map(|g| {
                let (ws, repo, category_id) = (&ws, &repo, &category_id);
                scope.spawn(move || {
                    let group = json!({"workspace_id": ws, "repo_id": repo, "name": format!("Group {g}")});
                    let group = client.post(server, "/review/rule_group/create", &group);
                    let group = group["group_id"].as_str().unwrap();
                    let mut created = Vec::new();
                    for i in (g..RULES).step_by(GROUPS) {
                        // Half the rules name the invoice category: triggered all the same.
                        let categories = if i % 2 == 0 { json!([category_id]) } else { json!([]) };
                        let mut body = json!({"workspace_id": ws, "repo_id": repo, "group_id": group,
                            "name": rule_name(i), "prompt": "Check the total.", "category_ids": categories});
                        if let Some(expression) = rule(i).0 {
                            body["expression"] = json!(expression);
                        }
                        let id = client.post(server, "/review/rule/create", &body)["rule_id"].clone();
                        created.push((i, id.as_str().unwrap().to_owned()));
                    }
                    created
                })
            })
            .collect();
        for creator in creators {
            for (i, id) in creator.join().unwrap() {
                rule_ids[i] = id;
            }
        }
    });
    Seeded { ws, repo, rule_ids }
}

/// Every rule task of a `review/task/result`, across groups.
fn rule_tasks(result: &Value) -> Vec<Value> {
    let groups = result["groups"].as_array().unwrap();
    groups.iter().flat_map(|g| g["review_tasks"].as_array().unwrap().iter().cloned()).collect()
}

fn is_terminal(status: i64) -> bool {
    ReviewStatus::from_code(status).is_some_and(ReviewStatus::is_final)
}

/// The review task as the database holds it, read with the server stopped.
fn stored_task(dir: &Path, app_id: &str, ws: &str, task: &str) -> (ReviewTaskRow, [(i64, i64); 3]) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::open_data_dir(dir).await.unwrap();
        let caller = store.find_app(app_id).await.unwrap().unwrap().caller;
        let row = store.review_task(&caller, ws.parse().unwrap(), task.parse().unwrap()).await.unwrap();
        let mut depths = [(0, 0); 3];
        for (depth, kind) in depths.iter_mut().zip(JobKind::ALL.iter().copied()) {
            let queue = store.queue_depth(kind).await.unwrap();
            *depth = (queue.queued, queue.running);
        }
        store.close().await;
        (row, depths)
    })
}

/// A fake model of fixed latency that passes every rule, configured in the
/// server's `docreview.toml` in `dir`. It runs on `runtime`'s threads.
fn start_model(runtime: &tokio::runtime::Runtime, dir: &Path) -> FakeModel {
    let reply = Reply::verdict("pass", MODEL_REASONING, &[]).after(MODEL_LATENCY);
    let model = runtime.block_on(FakeModel::start(reply));
    let config = format!(
        "[[models]]\nname = \"fake\"\nbase_url = \"{}\"\nmodel = \"fake\"\nconcurrency = {MODEL_CONCURRENCY}\n",
        model.base_url()
    );
    std::fs::write(dir.join("docreview.toml"), config).unwrap();
    model
}

#[test]
fn killing_the_server_mid_review_loses_nothing_and_commits_each_rule_task_once() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let _model = start_model(&runtime, dir.path());
    let client = Client::new(create_app(dir.path()));
    let server = Server::start_with(dir.path(), WORKERS, &[]);
    let seeded = seed(&client, &server);
    let Seeded { ws, repo, rule_ids } = &seeded;

    let submit = json!({"workspace_id": ws, "name": "crash review", "repo_id": repo, "batch_number": "crash"});
    let task = client.post(&server, "/review/task/submit", &submit)["task_id"].as_str().unwrap().to_owned();
    let result_body = json!({"workspace_id": ws, "task_id": task});

    // Kill as soon as the model has judged some rule: the plan has judged
    // the expression rules, and most of the model's are still to come.
    let by_expression = (0..RULES).filter(|&i| rule(i).0.is_some()).count();
    wait_for("a rule task judged by the model", Duration::from_secs(60), || {
        let result = client.post(&server, "/review/task/result", &result_body);
        let judged = rule_tasks(&result).iter().filter(|r| is_terminal(r["review_result"].as_i64().unwrap())).count();
        (judged > by_expression).then_some(())
    });
    server.kill();
    let (at_kill, _) = stored_task(dir.path(), &client.app_id, ws, &task);
    let judged = at_kill.rule_tasks.iter().filter(|r| r.status.is_final()).count();
    assert!(judged < RULES, "every rule task was judged before the kill; the test proves nothing");
    eprintln!("killed with {judged} of {} rule tasks judged", at_kill.rule_tasks.len());

    let restarted = Server::start_with(dir.path(), WORKERS, &[]);
    let result = wait_for("the review finished after the restart", Duration::from_secs(120), || {
        let result = client.post(&restarted, "/review/task/result", &result_body);
        is_terminal(result["status"].as_i64().unwrap()).then_some(result)
    });
    restarted.kill();

    let names: HashMap<String, usize> = (0..RULES).map(|i| (rule_name(i), i)).collect();
    let tasks = rule_tasks(&result);
    assert_eq!(tasks.len(), RULES, "one rule task per rule");
    let mut counts = HashMap::new();
    for task in &tasks {
        let i = names[task["rule_name"].as_str().unwrap()];
        assert_eq!(task["rule_id"], rule_ids[i].as_str(), "{task}");
        let (expression, expected) = rule(i);
        assert_eq!(task["review_result"], expected, "{expression:?}: {task}");
        let reasoning = task["reasoning"].as_str().unwrap();
        let explained = match (&expression, expected) {
            (None, _) => reasoning == MODEL_REASONING,
            (_, PASSED) => reasoning.ends_with("→ expression is true"),
            (_, NOT_PASSED) => reasoning.ends_with("→ expression is false"),
            _ => reasoning.contains("is not a money amount"),
        };
        assert!(explained, "{expression:?}: {task}");
        *counts.entry(expected).or_insert(0) += 1;
    }
    let count = |status| counts.get(&status).copied().unwrap_or(0);
    assert!(count(PASSED) > 0 && count(NOT_PASSED) > 0 && count(ERROR) > 0, "{counts:?}");
    assert_eq!(
        result["statistics"],
        json!({"pass_count": count(PASSED), "failure_count": count(NOT_PASSED), "error_count": count(ERROR),
               "not_triggered_count": 0})
    );
    assert_eq!(result["status"], ERROR, "a task with an erroring rule is an error");

    let (stored, depths) = stored_task(dir.path(), &client.app_id, ws, &task);
    assert_eq!(depths, [(0, 0); 3], "no extraction, plan or judge job is left queued or running");
    assert_eq!(stored.rule_tasks.len(), RULES);
    for rule_task in &stored.rule_tasks {
        assert_eq!(rule_task.generation, 1, "no rule task was planned twice: {rule_task:?}");
        assert_eq!(rule_task.result_version, 1, "the verdict was committed exactly once: {rule_task:?}");
    }
}
