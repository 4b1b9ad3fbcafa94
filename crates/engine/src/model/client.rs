//! One configured model: chat-completions requests with the JSON fallback
//! ladder, retries with backoff that honour `Retry-After`, and the adaptive
//! concurrency limit.
//!
//! The ladder: ask for output constrained to the verdict's JSON schema
//! (`json_schema`, as OpenAI, vLLM and Ollama take it); a server that refuses
//! it (HTTP 400 or 422, or a 500 whose body names `response_format`) is asked for a `json_object` carrying the schema (as
//! llama-cpp-python's server takes it), then for a plain JSON object; one
//! that refuses that too gets no `response_format` and its text is read
//! tolerantly. The rung that worked is remembered for the model.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use docreview_judge::{AnswerError, ChatMessage, ModelAnswer, PromptBudget, read_answer, verdict_schema};
use serde_json::{Value, json};

use super::backoff::{asked_wait, retry_delay};
use super::limiter::AdaptiveLimit;
use super::settings::ModelSettings;

/// How a request asks for JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rung {
    JsonSchema = 0,
    JsonObjectWithSchema = 1,
    JsonObject = 2,
    Plain = 3,
}

impl Rung {
    fn from_u8(value: u8) -> Self {
        match value {
            0 => Rung::JsonSchema,
            1 => Rung::JsonObjectWithSchema,
            2 => Rung::JsonObject,
            _ => Rung::Plain,
        }
    }
}

/// Why one request gave no verdict.
#[derive(Debug)]
enum Failure {
    /// 429: slow down, then try again.
    RateLimited { asked: Option<Duration>, cause: String },
    /// 5xx, timeouts, broken connections: try again.
    Transient { asked: Option<Duration>, cause: String },
    /// A 400 while asking for JSON: step down the ladder.
    FormatRefused { cause: String },
    /// Any other 4xx: trying again will not help.
    Fatal { cause: String },
    /// The server answered 2xx with a body that is no chat completion.
    BadResponse(String),
    /// The server answered, but not with a readable verdict.
    Unreadable(AnswerError),
}

impl Failure {
    fn cause(&self) -> String {
        match self {
            Failure::RateLimited { cause, .. }
            | Failure::Transient { cause, .. }
            | Failure::FormatRefused { cause }
            | Failure::Fatal { cause }
            | Failure::BadResponse(cause) => cause.clone(),
            Failure::Unreadable(error) => error.to_string(),
        }
    }
}

/// A model the engine can ask for verdicts.
#[derive(Debug)]
pub(crate) struct ModelClient {
    pub(crate) settings: ModelSettings,
    http: reqwest::Client,
    api_key: Option<String>,
    limit: Arc<AdaptiveLimit>,
    rung: AtomicU8,
}

impl ModelClient {
    pub(crate) fn new(settings: ModelSettings, api_key: Option<String>) -> Result<Self, reqwest::Error> {
        crate::tls::install_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.timeout_ms))
            .connect_timeout(Duration::from_secs(10))
            .build()?;
        let limit = AdaptiveLimit::new(settings.concurrency);
        Ok(Self { settings, http, api_key, limit, rung: AtomicU8::new(Rung::JsonSchema as u8) })
    }

    /// The budget of document text for this model's prompts.
    pub(crate) fn budget(&self) -> PromptBudget {
        PromptBudget { document_chars: self.settings.max_document_chars }
    }

    /// Asks for a verdict until one is read or the attempts run out; the
    /// error is the cause a person reads in the rule task's reasoning.
    pub(crate) async fn ask(&self, messages: &[ChatMessage]) -> Result<ModelAnswer, String> {
        let max = self.settings.max_attempts.max(1);
        let mut attempt = 0;
        let mut last = String::new();
        while attempt < max {
            let rung = Rung::from_u8(self.rung.load(Ordering::Relaxed));
            let result = {
                let _slot = self.limit.acquire().await;
                self.request(messages, rung).await
            };
            let failure = match result {
                Ok(answer) => {
                    self.limit.on_success();
                    return Ok(answer);
                }
                Err(failure) => failure,
            };
            last = failure.cause();
            let asked = match failure {
                Failure::FormatRefused { .. } => {
                    // Not an attempt: the ladder has three steps, then a 400 is fatal.
                    let _ =
                        self.rung.compare_exchange(rung as u8, rung as u8 + 1, Ordering::Relaxed, Ordering::Relaxed);
                    tracing::info!(model = %self.settings.name, cause = %last, "the server refused a response format; asking more plainly");
                    continue;
                }
                Failure::Fatal { .. } => break,
                Failure::RateLimited { asked, .. } => {
                    self.limit.on_rate_limited();
                    asked
                }
                Failure::Transient { asked, .. } => asked,
                Failure::BadResponse(_) | Failure::Unreadable(_) => None,
            };
            attempt += 1;
            if attempt >= max {
                break;
            }
            if let Some(asked) = asked.filter(|a| a.as_millis() > u128::from(self.settings.max_retry_wait_ms)) {
                return Err(format!(
                    "the model `{}` asked to wait {} s before trying again (Retry-After), longer than the {} ms allowed \
                     (max_retry_wait_ms); last answer: {last}",
                    self.settings.name,
                    asked.as_secs(),
                    self.settings.max_retry_wait_ms
                ));
            }
            let delay = retry_delay(attempt, asked, &mut rand::rng());
            tracing::warn!(model = %self.settings.name, attempt, delay_ms = delay.as_millis() as u64, cause = %last, "model request failed; retrying");
            tokio::time::sleep(delay).await;
        }
        Err(format!(
            "the model `{}` gave no usable verdict after {} attempt{}: {last}",
            self.settings.name,
            attempt.max(1),
            if attempt.max(1) == 1 { "" } else { "s" }
        ))
    }

    async fn request(&self, messages: &[ChatMessage], rung: Rung) -> Result<ModelAnswer, Failure> {
        let messages: Vec<Value> = messages.iter().map(|m| json!({"role": m.role, "content": m.content})).collect();
        let mut body = json!({
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "stream": false,
        });
        match rung {
            Rung::JsonSchema => {
                body["response_format"] = json!({
                    "type": "json_schema",
                    "json_schema": {"name": "verdict", "schema": verdict_schema()},
                });
            }
            Rung::JsonObjectWithSchema => {
                body["response_format"] = json!({"type": "json_object", "schema": verdict_schema()});
            }
            Rung::JsonObject => body["response_format"] = json!({"type": "json_object"}),
            Rung::Plain => {}
        }
        let mut request = self.http.post(self.settings.completions_url()).json(&body);
        if let Some(key) = &self.api_key {
            request = request.bearer_auth(key);
        }
        let response = request.send().await.map_err(|e| Failure::Transient { asked: None, cause: transport(&e) })?;
        let status = response.status();
        let asked = asked_wait(response.headers());
        let text = response.text().await.map_err(|e| Failure::Transient { asked: None, cause: transport(&e) })?;
        if !status.is_success() {
            let cause = format!("HTTP {}: {}", status.as_u16(), excerpt(&text));
            // llama-cpp-python answers a response_format it does not know with
            // a 500 whose body names the field, so the body decides too.
            let format_named = text.to_ascii_lowercase().contains("response_format");
            return Err(match status.as_u16() {
                429 => Failure::RateLimited { asked, cause },
                400 | 422 | 500 if rung != Rung::Plain && (status.as_u16() != 500 || format_named) => {
                    Failure::FormatRefused { cause }
                }
                408 | 409 | 425 => Failure::Transient { asked, cause },
                s if s >= 500 => Failure::Transient { asked, cause },
                _ => Failure::Fatal { cause },
            });
        }
        let content =
            completion_text(&text).map_err(|cause| Failure::BadResponse(format!("{cause}: {}", excerpt(&text))))?;
        read_answer(&content).map_err(Failure::Unreadable)
    }
}

/// The message text of a chat completion.
fn completion_text(body: &str) -> Result<String, &'static str> {
    let value: Value = serde_json::from_str(body).map_err(|_| "the server's response is not JSON")?;
    let message = value.pointer("/choices/0/message").ok_or("the response has no choices[0].message")?;
    Ok(message.get("content").and_then(Value::as_str).unwrap_or_default().to_owned())
}

/// A transport error with its causes, which reqwest keeps in a chain.
fn transport(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut cause = format!("{kind}: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        cause.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    cause
}

/// The start of a response body, on one line, for error messages.
fn excerpt(text: &str) -> String {
    const LIMIT: usize = 300;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= LIMIT { flat } else { format!("{}…", flat.chars().take(LIMIT).collect::<String>()) }
}
