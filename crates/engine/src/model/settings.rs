//! Models that judge prompt rules: the `[[models]]` tables of
//! `docreview.toml`. Any OpenAI-compatible chat-completions server works
//! (llama.cpp's server, vLLM, Ollama, hosted providers).

use serde::{Deserialize, Serialize};

/// One configured model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelSettings {
    /// The name review tasks use in `model`; also shown in logs.
    pub name: String,
    /// Other names that pick this model, such as DocFlow's model names
    /// (`deepseek-v4-pro`, `qwen3.6-plus`, …), so that existing clients'
    /// requests land on a model of yours.
    pub aliases: Vec<String>,
    /// The API root, ending before `/chat/completions`:
    /// `http://127.0.0.1:8000/v1`.
    pub base_url: String,
    /// The model name the server expects in requests.
    pub model: String,
    /// The environment variable that holds the API key (sent as a bearer
    /// token); empty for servers that need none. The key itself never goes
    /// into the file.
    pub api_key_env: String,
    /// Requests in flight at most; halved on each 429 and grown back one at a
    /// time as requests succeed.
    pub concurrency: usize,
    /// How long one request may take, in milliseconds.
    pub timeout_ms: u64,
    /// Tries per rule task before it ends as an error (transport faults,
    /// 429/5xx, unreadable answers).
    pub max_attempts: u32,
    /// The longest `Retry-After` honoured, in milliseconds; a server asking
    /// for a longer wait ends the rule task as an error saying so.
    pub max_retry_wait_ms: u64,
    /// Characters of document data per request; small models have small
    /// context windows.
    pub max_document_chars: usize,
    /// `temperature` of each request; 0 for repeatable verdicts.
    pub temperature: f64,
    /// `max_tokens` of each answer.
    pub max_tokens: u32,
}

impl Default for ModelSettings {
    fn default() -> Self {
        Self {
            name: String::new(),
            aliases: Vec::new(),
            base_url: String::new(),
            model: String::new(),
            api_key_env: String::new(),
            concurrency: 4,
            timeout_ms: 120_000,
            max_attempts: 4,
            max_retry_wait_ms: 60_000,
            max_document_chars: 24_000,
            temperature: 0.0,
            max_tokens: 1024,
        }
    }
}

/// A `[[models]]` table that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("models[{index}] ({name}): {problem}")]
pub struct ModelConfigError {
    pub index: usize,
    pub name: String,
    pub problem: String,
}

impl ModelSettings {
    /// Checks the table at `index` of `[[models]]`.
    pub(crate) fn check(&self, index: usize) -> Result<(), ModelConfigError> {
        let fail =
            |problem: &str| Err(ModelConfigError { index, name: self.name.clone(), problem: problem.to_owned() });
        if self.name.trim().is_empty() {
            return fail("`name` is required");
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return fail("`base_url` must be an http:// or https:// URL such as http://127.0.0.1:8000/v1");
        }
        if self.model.trim().is_empty() {
            return fail("`model` (the name the server expects) is required");
        }
        if self.concurrency == 0 || self.max_attempts == 0 || self.timeout_ms == 0 {
            return fail("`concurrency`, `max_attempts` and `timeout_ms` must be at least 1");
        }
        Ok(())
    }

    /// The chat-completions URL.
    pub(crate) fn completions_url(&self) -> String {
        format!("{}/chat/completions", self.base_url.trim_end_matches('/'))
    }
}
