//! A scripted OpenAI-compatible model server, for what a real model cannot
//! show on demand: a 429 with `Retry-After`, 500s, a reply slower than the
//! client's timeout, malformed JSON, a think block, a fixed latency.
//!
//! Replies are taken from a queue in order; when it is empty the default
//! reply answers. Every request body is recorded, and the most requests
//! seen in flight at once is kept, so tests can check what was sent and how
//! concurrently.
//!
//! ```no_run
//! # async fn demo() {
//! use docreview_fake_model::{FakeModel, Reply};
//! let model = FakeModel::start(Reply::verdict("pass", "Total is 10.00", &["10.00"])).await;
//! model.push(Reply::status(429, "slow down").header("retry-after", "1"));
//! // point a [[models]] table's base_url at model.base_url()
//! # }
//! ```

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

/// One scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    delay: Duration,
}

impl Reply {
    /// A successful completion whose message content is `content`.
    pub fn content(content: &str) -> Self {
        let body = json!({
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        });
        Self { status: 200, headers: Vec::new(), body: body.to_string(), delay: Duration::ZERO }
    }

    /// A completion holding the JSON verdict the judge asks for.
    pub fn verdict(verdict: &str, reasoning: &str, evidence: &[&str]) -> Self {
        Self::content(&json!({"verdict": verdict, "reasoning": reasoning, "evidence": evidence}).to_string())
    }

    /// Any status with a raw body (an error page, broken JSON).
    pub fn status(status: u16, body: &str) -> Self {
        Self { status, headers: Vec::new(), body: body.to_owned(), delay: Duration::ZERO }
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Answers only after `delay` (latency, or a hang past the client's timeout).
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

#[derive(Debug)]
struct Script {
    queue: Mutex<Vec<Reply>>,
    default: Reply,
    requests: Mutex<Vec<Value>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

/// A running fake model; it stops when dropped.
#[derive(Debug)]
pub struct FakeModel {
    address: SocketAddr,
    script: Arc<Script>,
    server: tokio::task::JoinHandle<()>,
}

impl FakeModel {
    /// Starts on a free loopback port, answering `default` when nothing is queued.
    ///
    /// # Panics
    /// If no loopback port can be bound (a test set-up failure).
    #[allow(clippy::expect_used)]
    pub async fn start(default: Reply) -> Self {
        let script = Arc::new(Script {
            queue: Mutex::new(Vec::new()),
            default,
            requests: Mutex::new(Vec::new()),
            in_flight: AtomicUsize::new(0),
            most_in_flight: AtomicUsize::new(0),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binding a loopback port");
        let address = listener.local_addr().expect("reading the bound address");
        let router = Router::new().route("/v1/chat/completions", post(complete)).with_state(script.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self { address, script, server }
    }

    /// The `base_url` of a `[[models]]` table pointing here.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.address)
    }

    /// Queues a reply for the next request that finds the queue non-empty.
    pub fn push(&self, reply: Reply) {
        lock(&self.script.queue).push(reply);
    }

    /// The request bodies received so far, in arrival order.
    pub fn requests(&self) -> Vec<Value> {
        lock(&self.script.requests).clone()
    }

    /// The most requests that were being answered at the same time.
    pub fn most_in_flight(&self) -> usize {
        self.script.most_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for FakeModel {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn complete(State(script): State<Arc<Script>>, body: Bytes) -> Response {
    let now = script.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    script.most_in_flight.fetch_max(now, Ordering::SeqCst);
    let request =
        serde_json::from_slice(&body).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into()));
    lock(&script.requests).push(request);
    let reply = {
        let mut queue = lock(&script.queue);
        if queue.is_empty() { script.default.clone() } else { queue.remove(0) }
    };
    tokio::time::sleep(reply.delay).await;
    script.in_flight.fetch_sub(1, Ordering::SeqCst);
    let mut response = (StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK), reply.body).into_response();
    response.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
