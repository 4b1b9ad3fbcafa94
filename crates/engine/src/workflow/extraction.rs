//! One extraction job: parse the stored file, classify it (the category given
//! at upload, else the categories' keyword rules), extract the configured
//! fields, and commit the result — unless a retry or an amendment superseded
//! the run meanwhile, in which case the result is discarded.
//!
//! Parsing runs in a child process ([`crate::sandbox`]); the uploaded bytes
//! never reach a parser in this process.
//!
//! A file that cannot be processed (corrupt, empty, unsupported, no category,
//! or a parse that hit a limit or died) is a *finished* task with
//! `recognition_status` 2 and a precise `failure_causes`; only infrastructure
//! faults (the database, a parser that cannot be started) make the job run
//! again later.

use std::time::{Duration, Instant};

use docreview_core::Caller;
use docreview_core::category_spec::CategorySpec;
use docreview_core::states::{FileStatus, JobKind};
use docreview_extract::Parsed;
use docreview_store::callbacks::record_extraction_event;
use docreview_store::files::{self, ExtractionOutcome, FileRef, FileState, PipelineInput};
use docreview_store::jobs::{self, Claim};
use docreview_store::{ObjectKind, Store, StoreError};
use docreview_wire::file::{Document, ExtractionData};

use super::run::{JobError, Outcome, run_one};
use crate::sandbox::Sandbox;

/// Claims one ready extraction job, if any, and runs it to the end, parsing
/// in a child process of `sandbox`.
pub async fn try_execute_job(store: &Store, sandbox: &Sandbox, lease: Duration) -> Result<Outcome, JobError> {
    run_one(store, JobKind::Extract, lease, |claim| async move { run(store, sandbox, &claim).await }).await
}

/// Runs the pipeline; `Ok(false)` when the run was superseded.
pub async fn run(store: &Store, sandbox: &Sandbox, claim: &Claim) -> Result<bool, JobError> {
    let started = Instant::now();
    let Some(input) = store.pipeline_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    if !store.set_pipeline_status(claim, FileStatus::Preparing).await? {
        return Ok(false);
    }
    let mut outcome = process(store, sandbox, claim, input).await?;
    outcome.duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    Ok(commit(store, claim, &outcome).await?)
}

/// Writes the pipeline's result and completes the job, both or neither,
/// recording the callback event of a final status with them. `false`: the
/// claim or the file's generation was superseded; nothing written.
pub async fn commit(store: &Store, claim: &Claim, outcome: &ExtractionOutcome) -> Result<bool, StoreError> {
    let mut tx = store.begin_write().await?;
    if !jobs::complete(&mut tx, claim).await? || !files::write_outcome(&mut tx, claim, outcome).await? {
        return Ok(false);
    }
    if outcome.status.is_final() {
        record_extraction_event(&mut tx, claim.subject_id).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Ends the file's task as failed with `cause` (see [`super::give_up`]).
pub(crate) async fn give_up(store: &Store, claim: &Claim, cause: &str) -> Result<bool, StoreError> {
    let Some(input) = store.pipeline_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    commit(store, claim, &failed(input.format, cause.to_owned())).await
}

async fn process(
    store: &Store,
    sandbox: &Sandbox,
    claim: &Claim,
    input: PipelineInput,
) -> Result<ExtractionOutcome, JobError> {
    let PipelineInput {
        workspace_id,
        name,
        format,
        requested_category,
        target_process,
        content,
        parser_params,
        date_order,
        ..
    } = input;
    let languages = ocr_languages(&parser_params);
    let parsed = sandbox.parse_with(&name, &format, content, languages.as_deref()).await?;
    let (format, document, pages) = match parsed {
        Err(failure) => return Ok(failed(format, failure.to_string())),
        Ok(Parsed::DocflowResult(imported)) => {
            let category = requested_category.or(imported.category).unwrap_or_default();
            return Ok(ExtractionOutcome {
                status: FileStatus::Succeeded,
                failure_causes: None,
                category_id: category_named(store, workspace_id, &category).await?,
                category,
                format: "json".to_owned(),
                data: Some(imported.data),
                pages: imported.pages,
                document: imported.document,
                duration_ms: 0,
            });
        }
        Ok(Parsed::Document { format, document, pages }) => (format, document, pages),
    };

    store.set_pipeline_status(claim, FileStatus::Classifying).await?;
    let (document, spec) = classify(store, workspace_id, requested_category.as_deref(), document).await?;
    let spec = match spec {
        Ok(spec) => spec,
        Err(cause) => return Ok(failed(format, cause)),
    };
    let classify_only = target_process.as_deref() == Some("classify");
    let (document, data) = if classify_only {
        (document, None)
    } else {
        store.set_pipeline_status(claim, FileStatus::Extracting).await?;
        let spec = spec.clone();
        off_the_runtime(document, move |document| Some(docreview_extract::extract(document, &spec, date_order))).await?
    };
    Ok(ExtractionOutcome {
        status: if classify_only { FileStatus::Classified } else { FileStatus::Succeeded },
        failure_causes: None,
        category_id: Some(spec.id),
        category: spec.name,
        format,
        data,
        pages,
        document: Some(document),
        duration_ms: 0,
    })
}

/// The OCR languages the upload asked for: `parser_params.ocr_languages`
/// (Tesseract codes joined by `+`), if set and not empty.
fn ocr_languages(parser_params: &str) -> Option<String> {
    let params: serde_json::Value = serde_json::from_str(parser_params).ok()?;
    let languages = params.get("ocr_languages")?.as_str()?.trim();
    (!languages.is_empty()).then(|| languages.to_owned())
}

/// The category to extract as, or the cause when there is none; with the
/// document back.
/// The id of the workspace's category named `name`, so that rules scoped to
/// it trigger for an imported result; `None` when there is no such category
/// (the task keeps the name alone).
async fn category_named(store: &Store, workspace_id: i64, name: &str) -> Result<Option<i64>, JobError> {
    if name.is_empty() {
        return Ok(None);
    }
    match store.category_spec_by_name(workspace_id, name).await {
        Ok(spec) => Ok(Some(spec.id)),
        Err(StoreError::NotFound { kind: ObjectKind::Category, .. }) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

async fn classify(
    store: &Store,
    workspace_id: i64,
    requested: Option<&str>,
    document: Document,
) -> Result<(Document, Result<CategorySpec, String>), JobError> {
    if let Some(name) = requested {
        return match store.category_spec_by_name(workspace_id, name).await {
            Ok(spec) => Ok((document, Ok(spec))),
            Err(StoreError::NotFound { kind: ObjectKind::Category, .. }) => {
                Ok((document, Err(format!("category {name:?} does not exist in this workspace"))))
            }
            Err(other) => Err(other.into()),
        };
    }
    let specs = store.category_specs(workspace_id).await?;
    off_the_runtime(document, move |document| match docreview_extract::classify(document, &specs) {
        Some(spec) => Ok(spec.clone()),
        None => Err(format!(
            "no category matched: the keyword rules of the workspace's {} enabled categories found no hit; \
             name the category at upload (category=…) or add keyword rules",
            specs.len()
        )),
    })
    .await
}

/// Runs `work` over the document on a blocking thread: on a large document
/// it takes seconds, which must not stall the async workers serving the API.
async fn off_the_runtime<T: Send + 'static>(
    document: Document,
    work: impl FnOnce(&Document) -> T + Send + 'static,
) -> Result<(Document, T), JobError> {
    tokio::task::spawn_blocking(move || {
        let done = work(&document);
        (document, done)
    })
    .await
    .map_err(|e| JobError::stopped("extraction", &e))
}

fn failed(format: String, cause: String) -> ExtractionOutcome {
    ExtractionOutcome {
        status: FileStatus::Failed,
        failure_causes: Some(cause),
        category_id: None,
        category: String::new(),
        format,
        data: None,
        pages: Vec::new(),
        document: None,
        duration_ms: 0,
    }
}

/// Replaces the extraction data of each file with the corrected data (the
/// corrected result becomes the result), all files or none; each must have
/// finished. The (workspace, file id) of each.
#[tracing::instrument(skip_all, fields(count = items.len()))]
pub async fn correct(
    store: &Store,
    caller: &Caller,
    items: &[(i64, FileRef, ExtractionData)],
) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut tx = store.begin_write().await?;
    let mut updated = Vec::with_capacity(items.len());
    for (workspace_id, file, data) in items {
        let state = finished(files::visible_file(&mut tx, caller, *workspace_id, *file).await?)?;
        files::write_data(&mut tx, state.file_id, data).await?;
        updated.push((*workspace_id, state.file_id));
    }
    tx.commit().await?;
    Ok(updated)
}

/// Runs the pipeline again for a finished task, overwriting its results at
/// the file's next generation (a run still going is fenced off by it);
/// `category` (an amendment) replaces the category it is extracted as.
#[tracing::instrument(skip_all, fields(workspace_id, ?file))]
pub async fn rerun(
    store: &Store,
    caller: &Caller,
    workspace_id: i64,
    file: FileRef,
    parser_params: Option<&serde_json::Value>,
    category: Option<&str>,
) -> Result<(), StoreError> {
    let mut tx = store.begin_write().await?;
    let state = finished(files::visible_file(&mut tx, caller, workspace_id, file).await?)?;
    if !state.has_content {
        return Err(StoreError::Conflict(format!(
            "file {} was refused at upload, so there is nothing to run again; upload it again",
            state.file_id
        )));
    }
    let generation = state.generation + 1;
    files::restart(&mut tx, state.file_id, generation, parser_params, category).await?;
    jobs::queue(&mut tx, JobKind::Extract, state.file_id, generation).await?;
    tx.commit().await
}

/// A file whose task has finished; a conflict naming its status otherwise,
/// since a change now would race the run in progress.
fn finished(state: FileState) -> Result<FileState, StoreError> {
    if state.status.is_final() {
        return Ok(state);
    }
    Err(StoreError::Conflict(format!(
        "file {} is still being processed (recognition_status {}); try again when it has finished",
        state.file_id,
        state.status.code()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_languages_come_from_the_parser_params_when_set() {
        assert_eq!(ocr_languages(r#"{"dpi": 144, "ocr_languages": "eng"}"#).as_deref(), Some("eng"));
        assert_eq!(ocr_languages(r#"{"ocr_languages": "  "}"#), None);
        assert_eq!(ocr_languages(r#"{"dpi": 144}"#), None);
        assert_eq!(ocr_languages("not json"), None);
    }
}
