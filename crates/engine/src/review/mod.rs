//! Review jobs. A plan job waits for the task's inputs to finish extracting,
//! then creates one rule task per triggered rule. A judge job judges one rule
//! task with the rule's current definition over the current extraction
//! results: by its expression when it has one, else by the review task's
//! model; a rule with neither an expression nor a configured model ends as
//! an error that says what to configure. A judge that cannot decide answers "error" (2), never "not
//! passed" (4).

use std::time::Duration;

use docreview_core::review::{is_triggered, status};
use docreview_judge::{ContextDocument, RuleContext, VerdictResult, rule_messages, verdict_from_answer};
use docreview_store::Store;
use docreview_store::files::status as file_status;
use docreview_store::jobs::{Claim, JobKind};
use docreview_store::review::{JudgeInput, RuleDefinition, Verdict};
use docreview_wire::Id;
use docreview_wire::review::Anchor;

use crate::claim::{JobError, Outcome, run_one};
use crate::judges::Judges;

/// How long a plan waits before looking at its inputs again.
const INPUT_POLL_MS: i64 = 300;

/// Claims one ready plan job, if any, and runs it.
pub async fn try_execute_plan(store: &Store, lease: Duration) -> Result<Outcome, JobError> {
    run_one(store, JobKind::ReviewPlan, lease, |claim| async move { plan(store, &claim).await }).await
}

/// Claims one ready judge job, if any, and runs it.
pub async fn try_execute_judge(store: &Store, lease: Duration, judges: &Judges) -> Result<Outcome, JobError> {
    run_one(store, JobKind::ReviewRule, lease, |claim| async move { judge(store, &claim, judges).await }).await
}

async fn plan(store: &Store, claim: &Claim) -> Result<bool, JobError> {
    let Some(input) = store.plan_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    if input.deleted {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    }
    if let Some(missing) = input.missing.first() {
        return Ok(store.fail_plan(claim, &format!("extraction task {missing} was deleted")).await?);
    }
    if input.inputs.iter().any(|(_, s, _)| !file_status::is_terminal(*s)) {
        store.release_job(claim, INPUT_POLL_MS, "waiting for extraction to finish").await?;
        return Ok(true);
    }
    if let Some((task_id, _, _)) = input.inputs.iter().find(|(_, s, _)| *s == file_status::FAILED) {
        return Ok(store.fail_plan(claim, &format!("extraction task {task_id} failed")).await?);
    }
    let Some(rules) = store.repository_rules(input.repo_id).await? else {
        return Ok(store.fail_plan(claim, &format!("rule repository {} was deleted", input.repo_id)).await?);
    };
    let categories: Vec<i64> = input.inputs.iter().filter_map(|(_, _, category)| *category).collect();
    let triggered: Vec<_> = rules.iter().filter(|r| is_triggered(&r.category_ids, &categories)).cloned().collect();
    let not_triggered = (rules.len() - triggered.len()) as i64;
    Ok(store.commit_plan(claim, &triggered, not_triggered).await?)
}

async fn judge(store: &Store, claim: &Claim, judges: &Judges) -> Result<bool, JobError> {
    let Some(input) = store.judge_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    if !store.start_judging(claim).await? {
        return Ok(false);
    }
    let verdict = match &input.rule {
        None => error(format!(
            "rule {} was deleted after this task was planned; retry the whole task to plan it again",
            input.rule_id
        )),
        Some(rule) => match (&rule.expression, judges.models.resolve(&input.model)) {
            (Some(expression), _) => match judges.programs.get_or_compile(expression) {
                Ok(program) => {
                    let context = context(store, &input, rule).await?;
                    from_judge(docreview_judge::evaluate(&program, &context))
                }
                Err(cause) => error(format!("the rule's expression does not compile: {cause}")),
            },
            (None, Some(model)) => {
                let context = context(store, &input, rule).await?;
                let messages = rule_messages(&rule.name, &rule.prompt, &context, model.budget());
                match model.ask(&messages).await {
                    Ok(answer) => from_judge(verdict_from_answer(answer, &context)),
                    Err(cause) => error(cause),
                }
            }
            (None, None) => error(
                "this rule has no expression, and no model is configured to judge its prompt: give the rule an \
                 `expression`, or configure a model in docreview.toml (a [[models]] table with name, base_url and \
                 model)"
                    .to_owned(),
            ),
        },
    };
    Ok(store.commit_verdict(claim, &verdict, input.rule.as_ref()).await?)
}

/// The rule's documents: every input of a category the rule names (all
/// inputs when it names none), limited to its referenced fields when given.
async fn context(store: &Store, input: &JudgeInput, rule: &RuleDefinition) -> Result<RuleContext, JobError> {
    let files = store.files_by_task_ids(input.workspace_id, &input.extract_task_ids).await?;
    let mut documents = Vec::with_capacity(files.len());
    for file in files {
        let category_id = file.category_id.unwrap_or_default();
        if !rule.category_ids.is_empty() && !rule.category_ids.contains(&category_id) {
            continue;
        }
        let mut data = file.data.unwrap_or_default();
        if let Some(referenced) = rule.referenced_fields.iter().find(|r| r.category_id == Id(category_id)) {
            if !referenced.fields.is_empty() {
                data.fields.retain(|f| referenced.fields.iter().any(|r| r.field_name == f.key));
            }
            if !referenced.tables.is_empty() {
                data.tables.retain(|t| referenced.tables.iter().any(|r| r.table_name == t.table_name));
            }
        }
        documents.push(ContextDocument {
            extract_task_id: file.task_id,
            file_id: file.id,
            category: file.category,
            data,
            document: file.document,
        });
    }
    Ok(RuleContext { documents })
}

fn from_judge(verdict: docreview_judge::Verdict) -> Verdict {
    Verdict {
        status: match verdict.result {
            VerdictResult::Passed => status::PASSED,
            VerdictResult::NotPassed => status::NOT_PASSED,
            VerdictResult::Error => status::ERROR,
        },
        reasoning: verdict.reasoning,
        anchors: verdict
            .anchors
            .into_iter()
            .map(|a| Anchor {
                start_pos: a.start_pos as i64,
                end_pos: a.end_pos as i64,
                text: a.text,
                vertices: a.vertices,
                file_id: Id(a.file_id),
                extract_task_id: Id(a.extract_task_id),
                page: a.page,
                source: a.source.as_str().to_owned(),
                file_category: Some(a.file_category).filter(|c| !c.is_empty()),
                field_name: Some(a.field_name).filter(|f| !f.is_empty()),
            })
            .collect(),
    }
}

fn error(reasoning: String) -> Verdict {
    Verdict { status: status::ERROR, reasoning, anchors: Vec::new() }
}
