//! Opening the database: URL → pools → migrations.
//!
//! SQLite allows one writer at a time, and a deferred transaction that upgrades
//! to a write while another connection writes fails at once with `SQLITE_BUSY`.
//! So on SQLite all writes go through a one-connection pool (they queue in the
//! pool, not in the database) while reads use several connections in WAL mode.
//! On PostgreSQL both handles are the same pool.

use std::path::Path;
use std::sync::{Arc, Once};
use std::time::Duration;

use docreview_core::ids::IdGenerator;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

use crate::StoreError;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle on the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) read: AnyPool,
    pub(crate) write: AnyPool,
    pub(crate) ids: Arc<IdGenerator>,
    backend: Backend,
}

/// File name of the embedded database inside the data directory.
pub const SQLITE_FILE: &str = "docreview.sqlite";

impl Store {
    /// Opens (creating if needed) the SQLite database in `data_dir` and migrates it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open_data_dir(data_dir: &Path) -> Result<Self, StoreError> {
        let path = data_dir.join(SQLITE_FILE);
        Self::open(&format!("sqlite://{}?mode=rwc", path.display())).await
    }

    /// Opens `sqlite://…` or `postgres://…` and applies the embedded migrations.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);

        let store = if url.starts_with("sqlite:") {
            let write = sqlite_pool(url, 1).await?;
            let read = sqlite_pool(url, 4).await?;
            Self::new(read, write, Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool =
                AnyPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(10)).connect(url).await?;
            Self::new(pool.clone(), pool, Backend::Postgres)
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        store.migrate().await?;
        Ok(store)
    }

    fn new(read: AnyPool, write: AnyPool, backend: Backend) -> Self {
        Self { read, write, ids: Arc::new(IdGenerator::new()), backend }
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.write).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Checks that the database answers.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// Closes every connection; pending writes are finished first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }

    /// A fresh batch number for an upload that names none: 19 digits, time-ordered.
    pub fn new_batch_number(&self) -> String {
        self.next_id().to_string()
    }

    pub(crate) fn next_id(&self) -> i64 {
        self.ids.next_id()
    }
}

async fn sqlite_pool(url: &str, connections: u32) -> Result<AnyPool, StoreError> {
    // No ping before each use: the database is a file in this process, so a
    // connection does not go stale, and the ping would be one more round trip
    // to the connection's thread for every query.
    let pool = AnyPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(30))
        .test_before_acquire(false)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                )
                .await
                .map(drop)
            })
        })
        .connect(url)
        .await?;
    Ok(pool)
}

/// The URL without a password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}
