//! The configured models, looked up by the name a review task carries.

use std::sync::Arc;

use super::choice;
use super::client::ModelClient;
use super::settings::{ModelConfigError, ModelSettings};

/// Every configured model, in configuration order.
#[derive(Debug, Default)]
pub struct Models {
    clients: Vec<Arc<ModelClient>>,
}

impl Models {
    /// Checks `settings` and prepares a client per model. An API key's
    /// environment variable that is not set is an error now rather than a
    /// 401 on every rule later.
    pub fn new(settings: &[ModelSettings]) -> Result<Self, ModelConfigError> {
        let mut clients = Vec::with_capacity(settings.len());
        for (index, model) in settings.iter().enumerate() {
            model.check(index)?;
            let fail = |problem: String| ModelConfigError { index, name: model.name.clone(), problem };
            let api_key =
                match model.api_key_env.trim() {
                    "" => None,
                    var => Some(std::env::var(var).map_err(|_| {
                        fail(format!("the environment variable {var} named by `api_key_env` is not set"))
                    })?),
                };
            let client = ModelClient::new(model.clone(), api_key)
                .map_err(|e| fail(format!("could not prepare an HTTP client: {e}")))?;
            clients.push(Arc::new(client));
        }
        Ok(Self { clients })
    }

    /// The model a review task asked for, by name or alias (ignoring case,
    /// deprecated DocFlow names replaced); a name that is not configured gets
    /// the first model. `None` when no model is configured.
    pub(crate) fn resolve(&self, wanted: &str) -> Option<&Arc<ModelClient>> {
        let index = choice::chosen(self.clients.iter().map(|c| &c.settings), wanted)?;
        self.clients.get(index)
    }

    /// Requests all models may have in flight together.
    pub fn total_concurrency(&self) -> usize {
        self.clients.iter().map(|c| c.settings.concurrency).sum()
    }
}
