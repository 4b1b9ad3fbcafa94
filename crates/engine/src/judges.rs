//! What judges rule tasks: the expression judge's compiled programs and the
//! configured models. Built once per process and shared by its workers.

use docreview_judge::ProgramCache;

use crate::model::{ModelConfigError, ModelSettings, Models};

/// The judges of one process.
#[derive(Debug, Default)]
pub struct Judges {
    pub(crate) programs: ProgramCache,
    pub(crate) models: Models,
}

impl Judges {
    /// The expression judge and the models of `[[models]]`.
    pub fn new(models: &[ModelSettings]) -> Result<Self, ModelConfigError> {
        Ok(Self { programs: ProgramCache::default(), models: Models::new(models)? })
    }

    /// Requests the configured models may have in flight together; the pool
    /// runs as many extra judge workers, so a slow model is kept busy.
    pub fn model_concurrency(&self) -> usize {
        self.models.total_concurrency()
    }
}
