//! The judge job: one rule task, judged with the rule's current definition
//! by its expression when it has one, else by the review task's model.

use std::sync::Arc;

use docreview_judge::{rule_messages, verdict_from_answer};
use docreview_store::callbacks::record_review_event_if_final;
use docreview_store::jobs::{self, Claim};
use docreview_store::review::{self, RuleDefinition, Verdict};
use docreview_store::{Store, StoreError};

use super::run::JobError;
use crate::judges::Judges;
use crate::judging::{error, from_judge, judge_expression, rule_context, rule_deleted};

/// Why a prompt rule cannot be judged when no model is configured.
const NO_MODEL: &str = "this rule has no expression, and no model is configured to judge its prompt: give the rule \
     an `expression`, or configure a model in docreview.toml (a [[models]] table with name, base_url and model)";

/// Runs the claimed judge job; `Ok(false)` when it was superseded.
pub async fn run(store: &Store, claim: &Claim, judges: &Arc<Judges>) -> Result<bool, JobError> {
    let Some(input) = store.judge_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    if !store.start_judging(claim).await? {
        return Ok(false);
    }
    let verdict = match &input.rule {
        None => rule_deleted(input.rule_id),
        Some(rule) => match (&rule.expression, judges.models.resolve(&input.model)) {
            (Some(expression), _) => {
                let files = store.files_by_task_ids(input.workspace_id, &input.extract_task_ids).await?;
                let (judges, expression, context) =
                    (Arc::clone(judges), expression.clone(), rule_context(&files, rule));
                // Up to `limits.expression_time_ms` of CPU: kept off the async workers.
                tokio::task::spawn_blocking(move || judge_expression(&judges, &expression, &context))
                    .await
                    .map_err(|e| JobError::stopped("judging the rule's expression", &e))?
            }
            (None, Some(model)) => {
                let files = store.files_by_task_ids(input.workspace_id, &input.extract_task_ids).await?;
                let context = rule_context(&files, rule);
                let messages = rule_messages(&rule.name, &rule.prompt, &context, model.budget());
                match model.ask(&messages).await {
                    Ok(answer) => from_judge(verdict_from_answer(answer, &context)),
                    Err(cause) => error(cause),
                }
            }
            (None, None) => error(NO_MODEL.to_owned()),
        },
    };
    Ok(commit(store, claim, &verdict, input.rule.as_ref()).await?)
}

/// Writes the verdict (with the rule's definition it was judged by, when
/// there is one) and completes the job, both or neither; `false` when the
/// claim or the rule task's generation was superseded.
pub async fn commit(
    store: &Store,
    claim: &Claim,
    verdict: &Verdict,
    rule: Option<&RuleDefinition>,
) -> Result<bool, StoreError> {
    let mut tx = store.begin_write().await?;
    if !jobs::complete(&mut tx, claim).await? {
        return Ok(false);
    }
    let Some(review_task_id) = review::write_verdict(&mut tx, claim, verdict, rule).await? else {
        return Ok(false);
    };
    record_review_event_if_final(&mut tx, review_task_id).await?;
    tx.commit().await?;
    Ok(true)
}
