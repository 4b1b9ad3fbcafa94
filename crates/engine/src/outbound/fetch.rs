//! Fetching one URL under the rules of [`super`].

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use docreview_core::error_chain::error_chain;
use reqwest::Url;
use reqwest::header::LOCATION;
use reqwest::redirect::Policy;
use url::Host;

use super::{AllowList, FetchSettings, internal_kind};

/// Redirects followed before a fetch is refused.
pub const MAX_REDIRECTS: usize = 5;

/// Why a fetch did not happen. Every message names the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The URL, an address it resolves to or a redirect is not allowed.
    #[error("{0}")]
    Refused(String),
    /// The server could not be reached or did not answer with a success.
    #[error("{0}")]
    Failed(String),
    /// The answer is larger than the caller's limit.
    #[error("{0}")]
    TooLarge(String),
}

/// What a fetch brought back.
#[derive(Debug)]
pub struct Fetched {
    /// The URL the content came from, after redirects.
    pub url: Url,
    pub content: Vec<u8>,
}

/// Makes guarded requests; cheap to clone.
#[derive(Debug, Clone)]
pub struct Outbound {
    allow: Arc<AllowList>,
    timeout: Duration,
}

impl Default for Outbound {
    /// No internal address allowed, the default time limit.
    fn default() -> Self {
        Self { allow: Arc::default(), timeout: FetchSettings::default().timeout() }
    }
}

impl Outbound {
    /// Fails when `fetch.allow` holds an entry it cannot read.
    pub fn new(settings: &FetchSettings) -> Result<Self, String> {
        Ok(Self { allow: Arc::new(AllowList::parse(&settings.allow)?), timeout: settings.timeout() })
    }

    /// GETs `url`, following redirects, and answers its body if it is at most
    /// `limit` bytes.
    pub async fn get(&self, url: &str, limit: usize) -> Result<Fetched, FetchError> {
        let millis = self.timeout.as_millis();
        tokio::time::timeout(self.timeout, self.follow(url, limit)).await.map_err(|_| {
            FetchError::Failed(format!("{url} did not finish within {millis} ms (limit `fetch.timeout_ms`)"))
        })?
    }

    /// POSTs `body` as JSON with `headers` to `url` under the same rules and
    /// answers the HTTP status. Redirects are not followed: a 3xx is the answer.
    pub async fn post_json(&self, url: &str, body: Vec<u8>, headers: &[(&str, String)]) -> Result<u16, FetchError> {
        let millis = self.timeout.as_millis();
        let post = async {
            let url = Url::parse(url).map_err(|e| FetchError::Refused(format!("{url:?} is not a valid URL: {e}")))?;
            let addresses = self.checked_addresses(&url).await?;
            let mut request = self
                .client_for(&url, &addresses)?
                .post(url.clone())
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
            for (name, value) in headers {
                request = request.header(*name, value);
            }
            let response = request
                .send()
                .await
                .map_err(|e| FetchError::Failed(format!("could not reach {url}: {}", error_chain(&e))))?;
            Ok(response.status().as_u16())
        };
        tokio::time::timeout(self.timeout, post).await.map_err(|_| {
            FetchError::Failed(format!("{url} did not answer within {millis} ms (limit `fetch.timeout_ms`)"))
        })?
    }

    async fn follow(&self, url: &str, limit: usize) -> Result<Fetched, FetchError> {
        let mut current =
            Url::parse(url).map_err(|e| FetchError::Refused(format!("{url:?} is not a valid URL: {e}")))?;
        let mut redirects = 0;
        loop {
            let addresses = self.checked_addresses(&current).await?;
            let mut response = self
                .client_for(&current, &addresses)?
                .get(current.clone())
                .send()
                .await
                .map_err(|e| FetchError::Failed(format!("could not download {current}: {}", error_chain(&e))))?;
            let status = response.status();
            if status.is_redirection() {
                if redirects == MAX_REDIRECTS {
                    return Err(FetchError::Refused(format!("{url} redirects more than {MAX_REDIRECTS} times")));
                }
                redirects += 1;
                current = redirect_target(&current, &response)?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Failed(format!("could not download {current}: HTTP {status}")));
            }
            let too_large = || FetchError::TooLarge(format!("{current} is larger than the limit of {limit} bytes"));
            if response.content_length().is_some_and(|length| length > limit as u64) {
                return Err(too_large());
            }
            let mut content = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| FetchError::Failed(format!("could not download {current}: {}", error_chain(&e))))?
            {
                if content.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                content.extend_from_slice(&chunk);
            }
            return Ok(Fetched { url: current, content });
        }
    }

    /// The addresses `url` may be fetched from: its literal address, or the
    /// public (or allowed) addresses its host resolves to.
    async fn checked_addresses(&self, url: &Url) -> Result<Vec<SocketAddr>, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Refused(format!("{url} must start with http:// or https://")));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(FetchError::Refused(format!(
                "{url} carries a user name or password; URLs with credentials are not fetched"
            )));
        }
        let port = url.port_or_known_default().unwrap_or(80);
        let name = match url.host() {
            Some(Host::Ipv4(ip)) => {
                return self.check_ip(url, IpAddr::V4(ip)).map(|ip| vec![SocketAddr::new(ip, port)]);
            }
            Some(Host::Ipv6(ip)) => {
                return self.check_ip(url, IpAddr::V6(ip)).map(|ip| vec![SocketAddr::new(ip, port)]);
            }
            Some(Host::Domain(name)) => name,
            None => return Err(FetchError::Refused(format!("{url} has no host"))),
        };
        let resolved: Vec<SocketAddr> = tokio::net::lookup_host((name, port))
            .await
            .map_err(|e| FetchError::Failed(format!("could not resolve {name} in {url}: {e}")))?
            .collect();
        if self.allow.allows_host(name) {
            return Ok(resolved);
        }
        let mut refusal = None;
        let public: Vec<SocketAddr> = resolved
            .into_iter()
            .filter(|address| match self.check_ip(url, address.ip()) {
                Ok(_) => true,
                Err(refused) => {
                    refusal.get_or_insert(refused);
                    false
                }
            })
            .collect();
        if !public.is_empty() {
            return Ok(public);
        }
        Err(refusal.unwrap_or_else(|| FetchError::Failed(format!("{name} in {url} has no address"))))
    }

    fn check_ip(&self, url: &Url, ip: IpAddr) -> Result<IpAddr, FetchError> {
        match internal_kind(ip) {
            Some(kind) if !self.allow.allows_ip(ip) => Err(FetchError::Refused(format!(
                "{url} leads to {ip}, a {kind} address; this server does not fetch from internal addresses \
                 unless the setting `fetch.allow` lists them"
            ))),
            _ => Ok(ip),
        }
    }

    /// A client that connects to `addresses` for `url`'s host and nowhere
    /// else, follows no redirect itself and ignores proxy settings.
    fn client_for(&self, url: &Url, addresses: &[SocketAddr]) -> Result<reqwest::Client, FetchError> {
        crate::tls::install_crypto_provider();
        let mut builder = reqwest::Client::builder().redirect(Policy::none()).no_proxy().timeout(self.timeout);
        if let Some(Host::Domain(name)) = url.host() {
            builder = builder.resolve_to_addrs(name, addresses);
        }
        builder.build().map_err(|e| FetchError::Failed(format!("could not prepare a client for {url}: {e}")))
    }
}

fn redirect_target(from: &Url, response: &reqwest::Response) -> Result<Url, FetchError> {
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| FetchError::Failed(format!("{from} redirects without a Location")))?;
    from.join(location).map_err(|e| FetchError::Refused(format!("{from} redirects to {location:?}, not a URL: {e}")))
}
