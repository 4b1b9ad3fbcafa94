//! The errors of the client. An error envelope keeps the server's code and
//! message untouched, so that the command line can print them as they came.

/// What went wrong with a call.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server address cannot be used.
    #[error("{server:?} is not a usable server address: {reason}")]
    BadServer {
        /// The address as given.
        server: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The credentials cannot be sent as HTTP headers.
    #[error("{0}")]
    BadCredentials(String),
    /// The HTTP client could not be set up.
    #[error("cannot set up the HTTP client")]
    Setup(#[source] reqwest::Error),
    /// No connection could be made, or it broke before an answer came.
    #[error("cannot reach the docreview server at {server}")]
    Unreachable {
        /// The server called.
        server: String,
        /// reqwest's error.
        #[source]
        source: reqwest::Error,
    },
    /// The server answered with an error envelope (any `code` but 200).
    #[error("error {code}: {msg}")]
    Api {
        /// The envelope's `code`, one of those docs/errors.md lists.
        code: i64,
        /// The envelope's `msg`.
        msg: String,
    },
    /// The answer was not a DocFlow envelope: another service on that port,
    /// or a proxy's error page.
    #[error("{url} answered HTTP {status} with something that is not a DocFlow envelope: {body}")]
    NotAnEnvelope {
        /// The URL called.
        url: String,
        /// The HTTP status of the answer.
        status: u16,
        /// The start of the body, on one line.
        body: String,
    },
    /// The envelope's `result` does not have the shape of this call's result.
    #[error("the result of {path} has an unexpected shape")]
    Shape {
        /// The call, as its path under the API prefix.
        path: String,
        /// What serde_json found.
        #[source]
        source: serde_json::Error,
    },
}
