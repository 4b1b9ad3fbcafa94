//! A TCP listener whose connections answer transport refusals in the envelope.

use std::io;
use std::net::SocketAddr;

use axum::serve::Listener;
use tokio::net::{TcpListener, TcpStream};

use super::RefusalRewriter;

/// Accepts like [`TcpListener`] (including its back-off on accept errors) and
/// wraps each connection in a [`RefusalRewriter`].
#[derive(Debug)]
pub struct EnvelopeListener(TcpListener);

impl EnvelopeListener {
    pub fn new(listener: TcpListener) -> Self {
        Self(listener)
    }
}

impl Listener for EnvelopeListener {
    type Io = RefusalRewriter<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, address) = Listener::accept(&mut self.0).await;
        (RefusalRewriter::new(stream), address)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}
