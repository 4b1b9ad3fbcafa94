//! Giving a job up. A job that keeps failing for a reason outside its input
//! (the database, a worker that stops while running it) would otherwise run
//! again and again, and its subject never finish. After [`MAX_ATTEMPTS`]
//! attempts its subject ends as failed, with the cause: an extraction task
//! as failed, a review task as failed, a rule task as an error. A rerun or
//! a retry starts it afresh.

use docreview_core::states::JobKind;
use docreview_store::jobs::Claim;
use docreview_store::{Store, StoreError};

use super::{callback, extraction, judge, plan};
use crate::judging;

/// Attempts a job gets. With the backoff between failed attempts (the
/// square of the attempt in seconds, at most a minute), a job is given up
/// about four minutes after its first failure.
pub(crate) const MAX_ATTEMPTS: i64 = 10;

/// Ends the claimed job's subject as failed with `cause`; `false` when the
/// claim was fenced off meanwhile (a newer run owns the subject).
pub(crate) async fn give_up(store: &Store, kind: JobKind, claim: &Claim, cause: &str) -> Result<bool, StoreError> {
    tracing::error!(kind = kind.as_str(), subject = claim.subject_id, attempts = claim.attempts, cause, "giving up");
    match kind {
        JobKind::Extract => extraction::give_up(store, claim, cause).await,
        JobKind::ReviewPlan => match store.plan_input(claim.subject_id).await? {
            Some(input) if !input.deleted => plan::fail(store, claim, cause).await,
            _ => store.drop_orphan_job(claim).await.map(|()| true),
        },
        JobKind::ReviewRule => match store.judge_input(claim.subject_id).await? {
            Some(_) => judge::commit(store, claim, &judging::error(cause.to_owned()), None).await,
            None => store.drop_orphan_job(claim).await.map(|()| true),
        },
        JobKind::Callback => callback::give_up(store, claim, cause).await,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use docreview_core::Caller;
    use docreview_core::review::NewReviewTask;
    use docreview_core::rules::{NewRule, NewRuleGroup, NewRuleRepo, RiskLevel};
    use docreview_core::states::{FileStatus, RuleResult};
    use docreview_core::workspace::{AuthScope, NewWorkspace};
    use docreview_store::files::{ExtractionOutcome, NewFile};

    use super::*;
    use crate::judges::Judges;
    use crate::workflow::run::{JobError, Outcome, run_claimed};
    use crate::workflow::{plan, submit};

    const LEASE: Duration = Duration::from_secs(60);

    /// A store with one uploaded file whose extraction job is queued.
    async fn uploaded() -> (Store, tempfile::TempDir, Caller, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_data_dir(dir.path()).await.unwrap();
        let caller = store.create_app("give up", None).await.unwrap().0;
        let workspace = NewWorkspace {
            name: "w".into(),
            description: String::new(),
            auth_scope: AuthScope::Private,
            enterprise_id: None,
            callback_url: String::new(),
            callback_retry_time: 0,
            date_order: Default::default(),
        };
        let ws = store.create_workspace(&caller, &workspace).await.unwrap();
        let file =
            NewFile { name: "a.txt".into(), format: "txt".into(), content: b"Total 10.00".to_vec(), rejection: None };
        let created =
            store.create_files(&caller, ws, "b", Some("Invoice"), None, &serde_json::json!({}), &[file]).await.unwrap();
        (store, dir, caller, ws, created[0].task_id)
    }

    async fn claimed(store: &Store, kind: JobKind, attempts: i64) -> Claim {
        let claim = store.claim_job(kind, 60_000).await.unwrap().unwrap();
        // As if the earlier attempts had happened.
        Claim { attempts, ..claim }
    }

    async fn fail(store: &Store, kind: JobKind, claim: Claim) -> Result<Outcome, JobError> {
        run_claimed(store, kind, claim, LEASE, |_| async {
            Err(JobError::Store(StoreError::Conflict("the disk is full".into())))
        })
        .await
    }

    async fn file(store: &Store, ws: i64, task_id: i64) -> (FileStatus, Option<String>) {
        let file = store.files_by_task_ids(ws, &[task_id]).await.unwrap().remove(0);
        (file.recognition_status, file.failure_causes)
    }

    #[tokio::test]
    async fn a_failure_before_the_last_attempt_runs_the_job_again_later() {
        let (store, _dir, _, ws, task_id) = uploaded().await;
        let claim = claimed(&store, JobKind::Extract, MAX_ATTEMPTS - 1).await;
        assert!(fail(&store, JobKind::Extract, claim).await.is_err());
        assert_ne!(file(&store, ws, task_id).await.0, FileStatus::Failed);
        assert_eq!(store.queue_depth(JobKind::Extract).await.unwrap().queued, 1, "handed back");
    }

    #[tokio::test]
    async fn the_last_failed_attempt_fails_the_extraction_task_with_its_cause() {
        let (store, _dir, _, ws, task_id) = uploaded().await;
        let claim = claimed(&store, JobKind::Extract, MAX_ATTEMPTS).await;
        assert_eq!(fail(&store, JobKind::Extract, claim).await.unwrap(), Outcome::Worked);
        let (recognition, cause) = file(&store, ws, task_id).await;
        assert_eq!(recognition, FileStatus::Failed);
        assert_eq!(cause.as_deref(), Some("given up after 10 failed attempts; the last: store: the disk is full"));
        let depth = store.queue_depth(JobKind::Extract).await.unwrap();
        assert_eq!((depth.queued, depth.running), (0, 0));
    }

    #[tokio::test]
    async fn a_job_whose_attempts_never_finished_is_given_up_without_running() {
        let (store, _dir, _, ws, task_id) = uploaded().await;
        let claim = claimed(&store, JobKind::Extract, MAX_ATTEMPTS + 1).await;
        let outcome = run_claimed(&store, JobKind::Extract, claim, LEASE, |_| async {
            panic!("a job past its attempts must not run again")
        })
        .await;
        assert_eq!(outcome.unwrap(), Outcome::Worked);
        let (recognition, cause) = file(&store, ws, task_id).await;
        assert_eq!(recognition, FileStatus::Failed);
        assert!(cause.unwrap().starts_with("given up after 10 attempts that did not finish"));
    }

    #[tokio::test]
    async fn a_rule_task_given_up_ends_as_an_error_with_the_cause() {
        let (store, _dir, caller, ws, task_id) = uploaded().await;
        let extraction = store.claim_job(JobKind::Extract, 60_000).await.unwrap().unwrap();
        let extracted = ExtractionOutcome {
            status: FileStatus::Succeeded,
            failure_causes: None,
            category_id: None,
            category: "Invoice".into(),
            format: "txt".into(),
            data: Some(Default::default()),
            pages: vec![],
            document: None,
            duration_ms: 1,
        };
        assert!(super::extraction::commit(&store, &extraction, &extracted).await.unwrap());
        let repo = store.create_rule_repo(&caller, &NewRuleRepo { workspace_id: ws, name: "r".into() }).await.unwrap();
        let group = NewRuleGroup { workspace_id: ws, repo_id: repo, name: "g".into() };
        let group_id = store.create_rule_group(&caller, &group).await.unwrap();
        let rule = NewRule {
            workspace_id: ws,
            repo_id: repo,
            group_id,
            name: "asks a model".into(),
            prompt: "Is the total right?".into(),
            category_ids: vec![],
            risk_level: RiskLevel::Low,
            referenced_fields: vec![],
            expression: None,
        };
        store.create_rule(&caller, &rule).await.unwrap();
        let new = NewReviewTask {
            workspace_id: ws,
            name: "review".into(),
            repo_id: repo,
            extract_task_ids: vec![task_id],
            batch_number: None,
            model: None,
        };
        let review = submit::submit(&store, &caller, &new, "default").await.unwrap();
        let plan_job = store.claim_job(JobKind::ReviewPlan, 60_000).await.unwrap().unwrap();
        assert!(plan::run(&store, &plan_job, &Arc::new(Judges::default())).await.unwrap());

        let claim = claimed(&store, JobKind::ReviewRule, MAX_ATTEMPTS).await;
        assert_eq!(fail(&store, JobKind::ReviewRule, claim).await.unwrap(), Outcome::Worked);
        let rule_task = store.review_task(&caller, ws, review).await.unwrap().rule_tasks.remove(0);
        assert_eq!(rule_task.status, RuleResult::Error, "an error, never a \"not passed\"");
        assert_eq!(rule_task.reasoning, "given up after 10 failed attempts; the last: store: the disk is full");
        assert_eq!(store.queue_depth(JobKind::ReviewRule).await.unwrap().queued, 0);
    }
}
