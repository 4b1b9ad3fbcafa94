//! What judges rule tasks: the expression judge's compiled programs and the
//! configured models. Built once per process and shared by its workers.

use docreview_judge::{ExpressionLimits, ProgramCache};

use crate::model::{ModelConfigError, ModelSettings, Models};

/// The judges of one process.
#[derive(Debug, Default)]
pub struct Judges {
    pub(crate) programs: ProgramCache,
    /// What one evaluation of an expression may cost.
    pub(crate) limits: ExpressionLimits,
    pub(crate) models: Models,
}

impl Judges {
    /// The expression judge within `limits`, and the models of `[[models]]`.
    pub fn new(models: &[ModelSettings], limits: ExpressionLimits) -> Result<Self, ModelConfigError> {
        Ok(Self { programs: ProgramCache::default(), limits, models: Models::new(models)? })
    }

    /// Requests the configured models may have in flight together; the pool
    /// runs as many extra judge workers, so a slow model is kept busy.
    pub fn model_concurrency(&self) -> usize {
        self.models.total_concurrency()
    }
}
