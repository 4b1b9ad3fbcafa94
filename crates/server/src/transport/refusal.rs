//! Rewriting hyper's own refusals into the envelope, on the way out.
//!
//! Every response the router produces carries `x-request-id`. A response head
//! that starts a write, has a refusal status hyper produces on its own (400,
//! 414, 431, 505), an empty body and no `x-request-id` was written by hyper
//! itself after failing to parse a request; it is replaced by the same status
//! with the envelope as its body, and the connection is closed after it (as
//! hyper closes it anyway). Writes are never vectored, so hyper hands each
//! response head to one `poll_write`.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use docreview_wire::ErrorCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// An IO stream whose outgoing hyper refusals become envelopes.
#[derive(Debug)]
pub struct RefusalRewriter<IO> {
    inner: IO,
    /// A replacement being written, how much of it is out, and the length of
    /// hyper's buffer it stands for.
    replacing: Option<(Vec<u8>, usize, usize)>,
}

impl<IO> RefusalRewriter<IO> {
    pub fn new(inner: IO) -> Self {
        Self { inner, replacing: None }
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for RefusalRewriter<IO> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for RefusalRewriter<IO> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if self.replacing.is_none() {
            match replacement_for(buf) {
                Some(envelope) => self.replacing = Some((envelope, 0, buf.len())),
                None => return Pin::new(&mut self.inner).poll_write(cx, buf),
            }
        }
        let this = &mut *self;
        while let Some((bytes, written, stands_for)) = &mut this.replacing {
            if *written == bytes.len() {
                let consumed = *stands_for;
                this.replacing = None;
                return Poll::Ready(Ok(consumed));
            }
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        // Not reached: the loop returns once the replacement is out.
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        false
    }
}

/// The envelope response standing for `written`, when `written` is a refusal
/// hyper wrote on its own.
fn replacement_for(written: &[u8]) -> Option<Vec<u8>> {
    let rest = written.strip_prefix(b"HTTP/1.1 ")?;
    let end = find(written, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&written[..end]).to_ascii_lowercase();
    if end + 4 != written.len() || head.contains("\r\nx-request-id:") || head.contains("transfer-encoding") {
        return None;
    }
    if head.lines().any(|line| line.starts_with("content-length:") && line.trim_end() != "content-length: 0") {
        return None;
    }
    let (code, message) = match rest.get(..3)? {
        b"400" => (ErrorCode::MalformedRequest, "the request is not well-formed HTTP".to_owned()),
        b"414" => (
            ErrorCode::UriTooLong,
            "the request line is too long (the path and query must be under 64 KB); send large inputs in the body"
                .to_owned(),
        ),
        b"431" => (ErrorCode::HeadersTooLarge, "the request headers are too large".to_owned()),
        b"505" => (ErrorCode::MalformedRequest, "only HTTP/1.0, HTTP/1.1 and HTTP/2 are served".to_owned()),
        _ => return None,
    };
    Some(envelope_response(code, &message))
}

fn envelope_response(code: ErrorCode, message: &str) -> Vec<u8> {
    let status = code.http_status();
    let reason = axum::http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    let body = serde_json::json!({ "code": code.value(), "msg": message, "result": null }).to_string();
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::replacement_for;

    #[test]
    fn hypers_own_refusals_become_envelopes() {
        let hyper = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: Thu, 03 Dec 2026 10:00:00 GMT\r\n\r\n";
        let replaced = String::from_utf8(replacement_for(hyper).unwrap()).unwrap();
        assert!(replaced.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{replaced}");
        assert!(replaced.ends_with(r#"{"code":41400,"msg":"the request line is too long (the path and query must be under 64 KB); send large inputs in the body","result":null}"#), "{replaced}");
        let bad = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n";
        assert!(String::from_utf8(replacement_for(bad).unwrap()).unwrap().contains("\"code\":40000"));
    }

    #[test]
    fn the_routers_answers_pass_untouched() {
        let routed = b"HTTP/1.1 400 Bad Request\r\nx-request-id: 1\r\ncontent-length: 0\r\n\r\n";
        assert!(replacement_for(routed).is_none());
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert!(replacement_for(with_body).is_none());
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert!(replacement_for(ok).is_none());
        assert!(replacement_for(b"HTTP/1.1 414 URI Too Long\r\ncontent-").is_none());
    }
}
