//! The connection to one server: its address, the app's credentials, and the
//! envelope handling every call shares.

use std::fmt;
use std::time::Duration;

use docreview_wire::API_PREFIX;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::multipart::Form;
use reqwest::{RequestBuilder, Url};
use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::ClientError;

/// How long connecting may take; a server that does not accept by then is down
/// or firewalled, and waiting longer only delays saying so.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole call may take, uploads included.
const CALL_TIMEOUT: Duration = Duration::from_secs(300);
/// How much of a body that is not an envelope goes into the error message.
const EXCERPT_CHARS: usize = 200;

/// An app's credentials, sent as `x-ti-app-id` and `x-ti-secret-code`.
#[derive(Clone)]
pub struct Credentials {
    /// The app's id, as `docreview app create` printed it.
    pub app_id: String,
    /// The app's secret code; kept out of `Debug` output.
    pub secret_code: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("app_id", &self.app_id).field("secret_code", &"<redacted>").finish()
    }
}

/// A client of one server, acting as one app. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    server: String,
}

impl Client {
    /// A client of the server at `server` (`http://host:port`, without the API path).
    pub fn new(server: &str, credentials: &Credentials) -> Result<Self, ClientError> {
        let base = server.trim().trim_end_matches('/');
        let bad = |reason: String| ClientError::BadServer { server: server.to_owned(), reason };
        let url = Url::parse(base).map_err(|e| bad(e.to_string()))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(bad("it must be an http:// or https:// address".to_owned()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("it names no host".to_owned()));
        }
        crate::tls::install_crypto_provider();
        let http = reqwest::Client::builder()
            .default_headers(headers(credentials)?)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(CALL_TIMEOUT)
            .build()
            .map_err(ClientError::Setup)?;
        Ok(Self { http, server: base.to_owned() })
    }

    /// `GET` with a query string.
    pub(crate) async fn get<T: DeserializeOwned>(&self, path: &str, query: &impl Serialize) -> Result<T, ClientError> {
        let request = self.http.get(self.url(path)).query(query);
        decode(path, self.send(request).await?)
    }

    /// `POST` with a JSON body.
    pub(crate) async fn post<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T, ClientError> {
        decode(path, self.post_raw(path, body).await?)
    }

    /// `POST` with a JSON body; the `result` as it came.
    pub(crate) async fn post_raw(&self, path: &str, body: &impl Serialize) -> Result<Value, ClientError> {
        self.send(self.http.post(self.url(path)).json(body)).await
    }

    /// `POST` of a `multipart/form-data` body, with a query string.
    pub(crate) async fn post_form<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &impl Serialize,
        form: Form,
    ) -> Result<T, ClientError> {
        let request = self.http.post(self.url(path)).query(query).multipart(form);
        decode(path, self.send(request).await?)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}/{path}", self.server)
    }

    /// Sends the request and opens the envelope: the `result` of a success,
    /// [`ClientError::Api`] for any other `code`, whatever the HTTP status.
    async fn send(&self, request: RequestBuilder) -> Result<Value, ClientError> {
        let unreachable = |source| ClientError::Unreachable { server: self.server.clone(), source };
        let response = request.send().await.map_err(unreachable)?;
        let (url, status) = (response.url().to_string(), response.status().as_u16());
        let body = response.bytes().await.map_err(unreachable)?;
        match serde_json::from_slice::<RawEnvelope>(&body) {
            Ok(RawEnvelope { code: 200, result, .. }) => Ok(result),
            Ok(RawEnvelope { code, msg, .. }) => Err(ClientError::Api { code, msg }),
            Err(_) => Err(ClientError::NotAnEnvelope { url, status, body: excerpt(&body) }),
        }
    }
}

/// The envelope with its `result` left as JSON until the call says what it is.
#[derive(Deserialize)]
struct RawEnvelope {
    code: i64,
    #[serde(default)]
    msg: String,
    #[serde(default)]
    result: Value,
}

fn decode<T: DeserializeOwned>(path: &str, result: Value) -> Result<T, ClientError> {
    serde_json::from_value(result).map_err(|source| ClientError::Shape { path: path.to_owned(), source })
}

/// The credential headers, sent with every request; the secret is marked
/// sensitive so that it stays out of reqwest's debug output.
fn headers(credentials: &Credentials) -> Result<HeaderMap, ClientError> {
    let value = |text: &str, what: &str| {
        HeaderValue::from_str(text.trim())
            .map_err(|_| ClientError::BadCredentials(format!("the {what} holds characters a header cannot carry")))
    };
    let mut secret = value(&credentials.secret_code, "secret code")?;
    secret.set_sensitive(true);
    let mut headers = HeaderMap::new();
    headers.insert("x-ti-app-id", value(&credentials.app_id, "app id")?);
    headers.insert("x-ti-secret-code", secret);
    Ok(headers)
}

/// The start of a body, on one line, for an error message.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > EXCERPT_CHARS {
        format!("{}…", line.chars().take(EXCERPT_CHARS).collect::<String>())
    } else if line.is_empty() {
        "an empty body".to_owned()
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials() -> Credentials {
        Credentials { app_id: "app".to_owned(), secret_code: "secret".to_owned() }
    }

    #[test]
    fn only_http_and_https_addresses_with_a_host_are_accepted() {
        assert!(Client::new("http://127.0.0.1:8080/", &credentials()).is_ok());
        assert!(Client::new("https://docreview.example.com", &credentials()).is_ok());
        for bad in ["ftp://example.com", "127.0.0.1:8080", "http://", ""] {
            assert!(matches!(Client::new(bad, &credentials()), Err(ClientError::BadServer { .. })), "{bad}");
        }
    }

    #[test]
    fn credentials_that_cannot_be_headers_are_refused() {
        let credentials = Credentials { app_id: "app\nid".to_owned(), secret_code: "s".to_owned() };
        assert!(matches!(Client::new("http://localhost:1", &credentials), Err(ClientError::BadCredentials(_))));
    }

    #[test]
    fn the_secret_never_shows_in_debug_output() {
        let credentials = Credentials { app_id: "app".to_owned(), secret_code: "s3cr3t-value".to_owned() };
        assert!(!format!("{credentials:?}").contains("s3cr3t"));
    }

    #[test]
    fn long_bodies_are_cut_for_messages() {
        assert_eq!(excerpt(b"<html>\n  <h1>Bad gateway</h1>\n</html>"), "<html> <h1>Bad gateway</h1> </html>");
        assert_eq!(excerpt(&[b'x'; 300]).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt(b""), "an empty body");
    }
}
