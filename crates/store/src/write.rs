//! The transaction the store hands the workflow. A workflow step (a submit,
//! a retry, a plan's commit, a verdict) decides what to write and calls the
//! store's named SQL functions inside one of these; it commits or, dropped,
//! rolls back, so a step happens entirely or not at all.
//!
//! On SQLite there is one writer, so a step's transaction runs alone; on
//! PostgreSQL, steps that touch one review task serialize on that task's row,
//! which each takes first (see [`crate::review::claim_task`]).

use std::sync::Arc;

use sqlx::{Any, AnyConnection, Transaction};

use docreview_core::ids::IdGenerator;

use crate::connect::Backend;
use crate::{Store, StoreError};

/// An open write transaction.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    backend: Backend,
    ids: Arc<IdGenerator>,
}

impl std::fmt::Debug for WriteTx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteTx").field("backend", &self.backend).finish_non_exhaustive()
    }
}

impl Store {
    /// Begins a write transaction.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        Ok(WriteTx { tx: self.write.begin().await?, backend: self.backend(), ids: self.ids.clone() })
    }
}

impl WriteTx {
    /// Makes every write of the step visible, at once.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }

    /// A fresh id for a row or a job written in this transaction.
    pub fn next_id(&self) -> i64 {
        self.ids.next_id()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
