//! Upgrading a database that holds batch jobs of an earlier version (plans
//! used to queue expression rules in batches, one job each): the migration
//! that retired batches gives every rule task a batch still owed its own
//! judge job, so no queued rule task is stranded.

use docreview_core::states::RuleResult;
use docreview_store::Store;
use docreview_store::jobs::JobKind;
use sqlx::{AnyConnection, Connection, Executor};

use super::support::{plan_queued, run_all, submitted};

/// The migration that retired batch jobs.
const RETIRING_BATCHES: i64 = 8;

async fn count(url: &str, sql: &str) -> i64 {
    let mut conn = AnyConnection::connect(url).await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    n
}

async fn batches_left_queued_become_judge_jobs(url: &str) {
    let store = Store::open(url).await.unwrap();
    let review = submitted(&store, &["true", "false", "true"]).await;
    plan_queued(&store).await;
    let tasks = review.rule_tasks(&store).await;
    store.close().await;

    // The database as the earlier version left a plan: the first two rule
    // tasks in a queued batch, the third with a judge job of its own.
    let mut conn = AnyConnection::connect(url).await.unwrap();
    let (first, second) = (tasks[0].id, tasks[1].id);
    for sql in [
        format!("DELETE FROM jobs WHERE kind = 'review_rule' AND subject_id IN ({first}, {second})"),
        format!("UPDATE rule_tasks SET batch_id = 77 WHERE id IN ({first}, {second})"),
        "INSERT INTO jobs (id, kind, subject_id, generation, state, attempts, run_after, created_at, updated_at) \
         VALUES (99, 'review_batch', 77, 1, 'queued', 0, 0, 0, 0)"
            .to_owned(),
        "CREATE INDEX rule_tasks_by_batch ON rule_tasks (batch_id)".to_owned(),
        format!("DELETE FROM _sqlx_migrations WHERE version = {RETIRING_BATCHES}"),
    ] {
        conn.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
    }
    conn.close().await.unwrap();

    let store = Store::open(url).await.unwrap();
    assert_eq!(count(url, "SELECT COUNT(*) FROM jobs WHERE kind = 'review_batch'").await, 0);
    assert_eq!(count(url, "SELECT COUNT(*) FROM rule_tasks WHERE batch_id IS NOT NULL").await, 0);
    assert_eq!(store.queue_depth(JobKind::ReviewRule).await.unwrap().queued, 3, "one judge job per rule task");
    run_all(&store).await;
    let shown: Vec<_> = review.rule_tasks(&store).await.iter().map(|r| (r.status, r.result_version)).collect();
    assert_eq!(shown, vec![(RuleResult::Passed, 1), (RuleResult::NotPassed, 1), (RuleResult::Passed, 1)]);
    store.close().await;
}

#[tokio::test]
async fn on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("upgraded.sqlite");
    batches_left_queued_become_judge_jobs(&format!("sqlite://{}?mode=rwc", path.display())).await;
}

#[tokio::test]
async fn on_postgres() {
    let db = crate::support::PostgresDb::create().await;
    batches_left_queued_become_judge_jobs(&db.url).await;
    db.drop_database().await;
}
