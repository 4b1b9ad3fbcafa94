//! Uploads by URL cannot reach what only the server can: internal addresses
//! in every spelling, credentials in URLs and redirects to internal places are
//! refused before anything is stored; `fetch.allow` lets listed addresses in.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, assert_success, test_settings};

const INVOICE: &str = "Invoice No: INV-7\nTotal: 12.00\n";

/// A web server on 127.0.0.1 that counts the requests it receives.
struct Origin {
    port: u16,
    hits: Arc<AtomicUsize>,
}

impl Origin {
    async fn start() -> Self {
        let hits = Arc::new(AtomicUsize::new(0));
        let router = axum::Router::new()
            .route("/doc.txt", get(|| async { INVOICE }))
            .route("/big.txt", get(|| async { "x".repeat(2 * 1024 * 1024) }))
            .route("/redirect", get(redirect))
            .route("/hop/{n}", get(hop))
            .layer(axum::middleware::from_fn_with_state(hits.clone(), count))
            .with_state(());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self { port, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

async fn count(
    State(hits): State<Arc<AtomicUsize>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    hits.fetch_add(1, Ordering::SeqCst);
    next.run(request).await
}

async fn redirect(Query(query): Query<std::collections::HashMap<String, String>>) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, query["to"].clone())]).into_response()
}

/// `/hop/n` redirects to `/hop/n-1`; `/hop/0` is the document.
async fn hop(Path(n): Path<u32>) -> Response {
    if n == 0 {
        INVOICE.into_response()
    } else {
        (StatusCode::FOUND, [(header::LOCATION, format!("/hop/{}", n - 1))]).into_response()
    }
}

/// A server allowing `allow` through `fetch.allow`, a workspace, and an origin.
async fn allowing(allow: &str) -> (TestApp, String, Origin) {
    let mut settings = test_settings();
    settings.fetch.allow = vec![allow.to_owned()];
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace().await;
    (app, ws, Origin::start().await)
}

async fn upload_urls(app: &TestApp, ws: &str, urls: &[String]) -> (reqwest::StatusCode, Value) {
    app.post(&format!("/file/upload?workspace_id={ws}"), json!({ "urls": urls })).await
}

async fn stored_files(app: &TestApp, ws: &str) -> usize {
    app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await["files"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn internal_addresses_in_every_spelling_are_refused_without_a_connection() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let origin = Origin::start().await;
    let port = origin.port;
    let internal = [
        (format!("http://127.0.0.1:{port}/doc.txt"), "loopback"),
        (format!("http://localhost:{port}/doc.txt"), "loopback"),
        (format!("http://[::1]:{port}/doc.txt"), "loopback"),
        (format!("http://[::ffff:127.0.0.1]:{port}/doc.txt"), "loopback"),
        (format!("http://2130706433:{port}/doc.txt"), "loopback"),
        (format!("http://0x7f.1:{port}/doc.txt"), "loopback"),
        (format!("http://0.0.0.0:{port}/doc.txt"), "unspecified"),
        ("http://169.254.169.254/latest/meta-data/".to_owned(), "link-local"),
        ("http://[fe80::1]/x".to_owned(), "link-local"),
        ("http://10.0.0.1/x".to_owned(), "private"),
        ("http://192.168.1.1/x".to_owned(), "private"),
        ("http://[fd00::1]/x".to_owned(), "unique-local"),
        ("http://224.0.0.1/x".to_owned(), "multicast"),
        ("http://[ff02::1]/x".to_owned(), "multicast"),
    ];
    for (url, kind) in internal {
        let (status, envelope) = upload_urls(&app, &ws, std::slice::from_ref(&url)).await;
        assert_error(status, &envelope, 400, &["urls[0]", kind, "fetch.allow"]);
    }
    let malformed = [
        (format!("http://169.254.169.254@127.0.0.1:{port}/doc.txt"), "user name or password"),
        (format!("http://user:pass@example.com:{port}/doc.txt"), "user name or password"),
        ("ftp://example.com/doc.txt".to_owned(), "http:// or https://"),
    ];
    for (url, cause) in malformed {
        let (status, envelope) = upload_urls(&app, &ws, std::slice::from_ref(&url)).await;
        assert_error(status, &envelope, 400, &["urls[0]", cause]);
    }
    assert_eq!(origin.hits(), 0, "no refused URL may reach the server");
    assert_eq!(stored_files(&app, &ws).await, 0);
}

#[tokio::test]
async fn an_allowed_address_is_fetched_and_every_redirect_is_checked_again() {
    let (app, ws, origin) = allowing("127.0.0.1").await;

    let (status, envelope) = upload_urls(&app, &ws, &[origin.url("/doc.txt"), origin.url("/hop/5")]).await;
    assert_success(status, &envelope);
    let names: Vec<&str> =
        envelope["result"]["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["doc.txt", "0"]);

    let port = origin.port;
    let refused = [
        (origin.url(&format!("/redirect?to=http://[::1]:{port}/doc.txt")), "loopback"),
        (origin.url("/redirect?to=http://169.254.169.254/latest/meta-data/"), "link-local"),
        (origin.url(&format!("/redirect?to=http://a:b@127.0.0.1:{port}/doc.txt")), "user name or password"),
        (origin.url("/hop/6"), "more than 5"),
    ];
    let hits_before = origin.hits();
    for (url, cause) in &refused {
        let (status, envelope) = upload_urls(&app, &ws, &[origin.url("/doc.txt"), url.clone()]).await;
        assert_error(status, &envelope, 400, &["urls[1]", cause]);
    }
    // The first URL of each refused request was fetched, the redirect chains
    // were followed up to the refusal, and nothing more was stored.
    assert!(origin.hits() > hits_before);
    assert_eq!(stored_files(&app, &ws).await, 2);
}

#[tokio::test]
async fn a_host_name_resolving_to_an_allowed_address_is_fetched() {
    let (app, ws, origin) = allowing("127.0.0.0/8").await;
    let url = format!("http://localhost:{}/doc.txt", origin.port);
    let (status, envelope) = upload_urls(&app, &ws, &[url]).await;
    assert_success(status, &envelope);
}

#[tokio::test]
async fn a_download_larger_than_the_file_limit_is_refused_while_it_streams() {
    let (app, ws, origin) = allowing("127.0.0.1").await;
    let (status, envelope) = upload_urls(&app, &ws, &[origin.url("/big.txt")]).await;
    assert_error(status, &envelope, 1_005_016_010, &["urls[0]", "big.txt", "limits.upload_file_bytes"]);
    assert_eq!(stored_files(&app, &ws).await, 0);
}

#[tokio::test]
async fn an_unreadable_allow_entry_stops_the_server_from_starting() {
    let mut settings = test_settings();
    settings.fetch.allow = vec!["http://intranet/".to_owned()];
    let dir = tempfile::tempdir().unwrap();
    let store = docreview_store::Store::open_data_dir(dir.path()).await.unwrap();
    let error = docreview_server::AppState::new(
        store,
        &settings,
        Default::default(),
        std::sync::Arc::new(crate::helpers::sandbox()),
    )
    .unwrap_err();
    assert!(format!("{error:#}").contains("\"http://intranet/\""), "{error:#}");
}
