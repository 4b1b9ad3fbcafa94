//! A running server per test, and typed helpers to call it.

use std::sync::Arc;

use docreview_server::{AppState, Settings};
use docreview_store::Store;
use docreview_wire::API_PREFIX;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Parsing in children of the `docreview` binary built beside the tests.
pub fn sandbox() -> docreview_engine::Sandbox {
    let command = docreview_engine::ParserCommand::built_docreview().unwrap_or_else(|message| panic!("{message}"));
    docreview_engine::Sandbox::new(command, docreview_engine::ParseLimits::default())
}

/// The settings of a test server: small bodies (64 KiB) and files (1 MiB).
pub fn test_settings() -> Settings {
    let mut settings = Settings::default();
    settings.limits.json_body_bytes = 64 * 1024;
    settings.limits.upload_file_bytes = 1024 * 1024;
    settings
}

/// What jobs run with in tests: `judges`, parsing children of the built
/// binary, and callbacks sent under the test settings' `[fetch]`.
pub fn tools(judges: docreview_engine::Judges) -> docreview_engine::pool::Tools {
    tools_with(judges, docreview_engine::Callbacks::default())
}

pub fn tools_with(
    judges: docreview_engine::Judges,
    callbacks: docreview_engine::Callbacks,
) -> docreview_engine::pool::Tools {
    use std::sync::Arc;
    docreview_engine::pool::Tools {
        judges: Arc::new(judges),
        sandbox: Arc::new(sandbox()),
        callbacks: Arc::new(callbacks),
    }
}

/// Credentials of one app.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub app_id: String,
    pub secret_code: String,
}

/// A server on an ephemeral port with its own database, and one app to call it.
pub struct TestApp {
    pub address: String,
    pub http: reqwest::Client,
    pub store: Store,
    pub app: Credentials,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(test_settings()).await
    }

    pub async fn spawn_with_body_limit(body_limit: usize) -> Self {
        let mut settings = test_settings();
        settings.limits.json_body_bytes = body_limit;
        Self::spawn_with(settings).await
    }

    /// A server with `settings` (its database and listener are the test's own).
    pub async fn spawn_with(settings: Settings) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_data_dir(dir.path()).await.unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stopped) = oneshot::channel::<()>();
        let state = AppState::new(store.clone(), &settings, Default::default(), Arc::new(sandbox())).unwrap();
        tokio::spawn(docreview_server::serve::serve(listener, state, async {
            let _ = stopped.await;
        }));
        let mut app = Self {
            address,
            http: {
                docreview_engine::tls::install_crypto_provider();
                reqwest::Client::new()
            },
            store,
            app: Credentials { app_id: String::new(), secret_code: String::new() },
            shutdown: Some(shutdown),
            _dir: dir,
        };
        app.app = app.new_app(Some(1)).await;
        app
    }

    /// Another app, in enterprise `enterprise` or a new one.
    pub async fn new_app(&self, enterprise: Option<i64>) -> Credentials {
        let (_, credentials) = self.store.create_app("test", enterprise).await.unwrap();
        Credentials { app_id: credentials.app_id, secret_code: credentials.secret_code }
    }

    /// The full URL of an API path such as `/workspace/create`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}{path}", self.address)
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.post_as(&self.app, path, body).await
    }

    pub async fn post_as(&self, app: &Credentials, path: &str, body: Value) -> (StatusCode, Value) {
        let request = self.http.post(self.url(path)).json(&body);
        read(with_secret(request, app).send().await.unwrap()).await
    }

    pub async fn get(&self, path_and_query: &str) -> (StatusCode, Value) {
        self.get_as(&self.app, path_and_query).await
    }

    pub async fn get_as(&self, app: &Credentials, path_and_query: &str) -> (StatusCode, Value) {
        let request = self.http.get(self.url(path_and_query));
        read(with_secret(request, app).send().await.unwrap()).await
    }

    /// `result` of a call that must succeed.
    pub async fn ok_post(&self, path: &str, body: Value) -> Value {
        let (status, envelope) = self.post(path, body).await;
        assert_success(status, &envelope);
        envelope["result"].clone()
    }

    pub async fn ok_get(&self, path_and_query: &str) -> Value {
        let (status, envelope) = self.get(path_and_query).await;
        assert_success(status, &envelope);
        envelope["result"].clone()
    }

    /// Creates a private workspace; returns its id.
    pub async fn workspace(&self) -> String {
        let result = self.ok_post("/workspace/create", json!({"name": "Invoices", "auth_scope": 0})).await;
        result["workspace_id"].as_str().unwrap().to_owned()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

fn with_secret(request: reqwest::RequestBuilder, app: &Credentials) -> reqwest::RequestBuilder {
    request.header("x-ti-app-id", &app.app_id).header("x-ti-secret-code", &app.secret_code)
}

/// Status and JSON body; the body must be JSON whatever the status.
pub async fn read(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status}: body is not JSON ({e}): {text}"));
    (status, body)
}

pub fn assert_success(status: StatusCode, envelope: &Value) {
    assert_eq!((status, envelope["code"].as_i64()), (StatusCode::OK, Some(200)), "{envelope}");
    assert_eq!(envelope["msg"], "success");
}

/// Asserts a business error: HTTP 200, `code`, and a message containing every word.
pub fn assert_error(status: StatusCode, envelope: &Value, code: i64, words: &[&str]) {
    assert_eq!(status, StatusCode::OK, "{envelope}");
    assert_eq!(envelope["code"].as_i64(), Some(code), "{envelope}");
    let msg = envelope["msg"].as_str().unwrap();
    for word in words {
        assert!(msg.contains(word), "{word:?} not in {msg:?}");
    }
    assert!(envelope["result"].is_null());
}
