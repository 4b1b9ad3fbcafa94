//! The demo's steps, each announced by a line of narrative: documents in,
//! rules written, a review that finds the wrong rule, the fix, a retry of that
//! rule alone, and the review passing.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::Context;
use docreview_client::{Client, FileStatus};
use docreview_core::states::{self, IntCode, ReviewStatus};
use docreview_wire::Id;
use docreview_wire::review::{ReviewTaskResult, SubmitReviewTaskRequest};
use docreview_wire::rule::{CreateRuleRequest, UpdateRuleRequest};

use super::examples;
use super::rules::{FIXED_EXPRESSION, GROUPS, REPOSITORY, RULES, WRONG};
use super::wait::{self, Progress};
use crate::command::output::{print, print_line as say};
use crate::render;

/// Extraction of three small files takes well under a second; a minute means
/// something is stuck.
const EXTRACTION_LIMIT: Duration = Duration::from_secs(60);
/// Likewise for judging four expression rules.
const REVIEW_LIMIT: Duration = Duration::from_secs(60);
/// The fields shown for each extracted invoice.
const SHOWN_FIELDS: [&str; 4] = ["Net Amount", "Tax Rate", "Tax Amount", "Total"];

pub async fn run(client: &Client, address: &str) -> anyhow::Result<()> {
    say(&format!("The server listens on {address}; everything below goes through its HTTP API."))?;
    say("Creating a workspace…")?;
    let ws = client.create_workspace("Demo").await.context("creating the workspace")?;

    let category = examples::category(ws)?;
    let category_name = category.name.clone();
    say(&format!("Creating the {category_name:?} category from examples/invoice-category.json…"))?;
    let category_id = client.create_category(category).await.context("creating the category")?;

    let invoices = examples::invoices();
    let names: Vec<String> = invoices.iter().map(|file| file.file_name.clone()).collect();
    say(&format!("Uploading {} example invoices ({})…", invoices.len(), names.join(", ")))?;
    let count = invoices.len();
    let uploaded = client.upload_files(ws, &category_name, invoices).await.context("uploading the example invoices")?;
    say("Waiting for extraction…")?;
    let batch = uploaded.batch_number;
    let mut files = wait::until("extraction", EXTRACTION_LIMIT, || extraction(client, ws, &batch, count)).await?;
    files.sort_by_key(|file| names.iter().position(|name| *name == file.name));
    for file in &files {
        say(&format!("  {}: {}", file.name, extracted(file)))?;
    }

    say(&format!("Creating the rule repository {REPOSITORY:?} with {} expression rules…", RULES.len()))?;
    let (repo_id, rule_ids) = write_rules(client, ws, category_id).await?;
    let wrong_id = rule_ids.get(WRONG.name).copied().context("the wrong rule was not created")?;

    say(&format!("Submitting a review of batch {batch}…"))?;
    let request = SubmitReviewTaskRequest {
        workspace_id: Some(ws),
        name: Some("Demo review".to_owned()),
        repo_id: Some(repo_id),
        batch_number: Some(batch),
        ..Default::default()
    };
    let task_id = client.submit_review(&request).await.context("submitting the review")?.task_id;
    let result = review(client, ws, task_id).await?;
    match verdict(&result, wrong_id) {
        Some(4) => {}
        other => anyhow::bail!(
            "the deliberately wrong rule {:?} should not have passed, but it is {}",
            WRONG.name,
            other.map_or_else(|| "missing from the result".into(), render::status_name),
        ),
    }

    say(&format!(
        "{:?} did not pass: its expression compares the total with the net amount alone, forgetting the tax.",
        WRONG.name
    ))?;
    say("Fixing the rule: the total is the net amount plus the tax amount…")?;
    let fix = UpdateRuleRequest {
        workspace_id: Some(ws),
        rule_id: Some(wrong_id),
        expression: Some(FIXED_EXPRESSION.to_owned()),
        ..Default::default()
    };
    client.update_rule(&fix).await.context("fixing the rule")?;
    say("Retrying only that rule; the others keep their results…")?;
    client.retry_review_rule(ws, task_id, wrong_id).await.context("retrying the fixed rule")?;
    let result = review(client, ws, task_id).await?;
    anyhow::ensure!(
        result.status == ReviewStatus::Passed.code(),
        "the review should have passed after the fix, but it is {}",
        render::status_name(result.status)
    );
    say(&format!("All {} rules passed.", result.statistics.pass_count))
}

/// One look at the batch: done when every file is extracted; an error as soon
/// as one failed, with the reason the server gave.
async fn extraction(client: &Client, ws: Id, batch: &str, count: usize) -> anyhow::Result<Progress<Vec<FileStatus>>> {
    let files = client.batch_files(ws, batch).await.context("fetching the extraction results")?;
    if let Some(failed) = files.iter().find(|file| file.recognition_status == states::FileStatus::Failed.code()) {
        anyhow::bail!(
            "extracting {} failed: {}",
            failed.name,
            failed.failure_causes.as_deref().unwrap_or("no reason given")
        );
    }
    let done = files.iter().filter(|file| file.recognition_status == states::FileStatus::Succeeded.code()).count();
    if done == count {
        Ok(Progress::Done(files))
    } else {
        Ok(Progress::Pending(format!("{done} of {count} files extracted")))
    }
}

/// A few of the fields found, and the number of line items.
fn extracted(file: &FileStatus) -> String {
    let Some(data) = &file.data else {
        return "no data".to_owned();
    };
    let mut parts: Vec<String> = SHOWN_FIELDS
        .iter()
        .filter_map(|name| data.fields.iter().find(|field| field.key == *name))
        .map(|field| format!("{} {}", field.key, field.value))
        .collect();
    let rows: usize = data.tables.iter().map(|table| table.items.len()).sum();
    parts.push(format!("{rows} line items"));
    parts.join(", ")
}

/// Creates the repository, its groups and its rules; the rules' ids by name.
async fn write_rules(client: &Client, ws: Id, category_id: Id) -> anyhow::Result<(Id, HashMap<&'static str, Id>)> {
    let repo_id = client.create_rule_repo(ws, REPOSITORY).await.context("creating the rule repository")?;
    let mut groups = HashMap::new();
    for name in GROUPS {
        let group_id = client.create_rule_group(ws, repo_id, name).await.context("creating a rule group")?;
        groups.insert(name, group_id);
    }
    let mut rule_ids = HashMap::new();
    for rule in RULES {
        let group_id = groups.get(rule.group).copied().with_context(|| format!("no group {:?}", rule.group))?;
        let request = CreateRuleRequest {
            workspace_id: Some(ws),
            repo_id: Some(repo_id),
            group_id: Some(group_id),
            name: Some(rule.name.to_owned()),
            prompt: Some(rule.prompt.to_owned()),
            category_ids: Some(vec![category_id]),
            risk_level: Some(rule.risk_level),
            referenced_fields: None,
            expression: Some(rule.expression.to_owned()),
        };
        let rule_id = client.create_rule(&request).await.with_context(|| format!("creating rule {:?}", rule.name))?;
        rule_ids.insert(rule.name, rule_id);
    }
    Ok((repo_id, rule_ids))
}

/// Waits for the review task to finish and prints its result.
async fn review(client: &Client, ws: Id, task_id: Id) -> anyhow::Result<ReviewTaskResult> {
    say("Waiting for the review…")?;
    let result = wait::until("the review", REVIEW_LIMIT, || async move {
        let result = client.review_result(ws, task_id).await.context("fetching the review result")?;
        Ok(if ReviewStatus::from_code(result.status).is_some_and(ReviewStatus::is_final) {
            Progress::Done(result)
        } else {
            Progress::Pending(format!("status {}", render::status_name(result.status)))
        })
    })
    .await?;
    print(&format!("\n{}\n", render::review_result(&result, render::line_width())))?;
    Ok(result)
}

/// The `review_result` of the rule's task in `result`.
fn verdict(result: &ReviewTaskResult, rule_id: Id) -> Option<i64> {
    result
        .groups
        .iter()
        .flat_map(|group| &group.review_tasks)
        .find(|rule| rule.rule_id == rule_id)
        .map(|rule| rule.review_result)
}
