//! Fresh databases for store tests, one per test.

use docreview_store::Store;
use sqlx::{Connection, Executor, PgConnection};

/// Runs each named `async fn(Store)` once on SQLite and once on PostgreSQL.
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test]
                async fn $test() {
                    let (store, _dir) = crate::support::sqlite().await;
                    super::$test(store).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test]
                async fn $test() {
                    let db = crate::support::PostgresDb::create().await;
                    super::$test(db.store.clone()).await;
                    db.drop_database().await;
                }
            )*
        }
    };
}
pub(crate) use on_both_backends;

/// A store on a SQLite file in a new temporary directory (kept while the guard lives).
pub(crate) async fn sqlite() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_data_dir(dir.path()).await.unwrap();
    (store, dir)
}

fn server_url() -> String {
    std::env::var("DOCREVIEW_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database of its own on the PostgreSQL server.
pub(crate) struct PostgresDb {
    pub(crate) store: Store,
    /// Where the database is, for a test that opens it again (not every
    /// test binary that shares this module has one).
    #[allow(dead_code)]
    pub(crate) url: String,
    name: String,
}

impl PostgresDb {
    pub(crate) async fn create() -> Self {
        let name = format!("docreview_test_{:016x}", rand_suffix());
        let mut admin = PgConnection::connect(&server_url())
            .await
            .expect("PostgreSQL must be reachable for the store tests (set DOCREVIEW_TEST_POSTGRES_URL)");
        admin.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
        let url = replace_database(&server_url(), &name);
        let store = Store::open(&url).await.unwrap();
        Self { store, url, name }
    }

    pub(crate) async fn drop_database(self) {
        self.store.close().await;
        let mut admin = PgConnection::connect(&server_url()).await.unwrap();
        admin
            .execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)))
            .await
            .unwrap();
    }
}

fn replace_database(url: &str, database: &str) -> String {
    let (base, _) = url.rsplit_once('/').unwrap();
    format!("{base}/{database}")
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64;
    nanos ^ (std::process::id() as u64).rotate_left(32)
}
