//! Accepting connections so that idle or slow sockets cannot starve others:
//! a connection must send a request's headers within `header_timeout_secs`
//! (this also ends an idle keep-alive connection), the number open at once is
//! capped below the process's file limit, and that limit is raised to the
//! hard limit at start. Shutdown lets requests in flight finish.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt;

/// File descriptors kept back from connections for the database, its
/// journal, attachments being spooled and the log.
const RESERVED_FDS: u64 = 64;

/// Raises the soft open-file limit to the hard one; answers how many
/// connections may then be open at once (never more than `wanted`).
pub fn connection_cap(wanted: usize) -> usize {
    let limit = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!("cannot raise the open-file limit: {e}");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
        }
    };
    let room = usize::try_from(limit.saturating_sub(RESERVED_FDS)).unwrap_or(usize::MAX);
    wanted.min(room).max(1)
}

/// Serves `app` on `listener` until `shutdown` resolves, then waits for the
/// requests in flight; `streams` is cancelled first so long-lived event
/// streams end.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    max_connections: usize,
    header_timeout: Duration,
    streams: CancellationToken,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(max_connections));
    let closing = CancellationToken::new();
    let connections = TaskTracker::new();
    tokio::spawn({
        let closing = closing.clone();
        async move {
            shutdown.await;
            streams.cancel();
            closing.cancel();
        }
    });
    loop {
        // Waiting for a slot before accepting leaves the excess in the
        // kernel's backlog instead of spending descriptors on it.
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => s.map_err(std::io::Error::other)?,
            () = closing.cancelled() => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or a reset before accept: wait a moment, go on.
                    tracing::debug!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = closing.cancelled() => break,
        };
        let _ = stream.set_nodelay(true);
        let service = app.clone().map_request(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(remote));
            req.map(axum::body::Body::new)
        });
        let closing = closing.clone();
        connections.spawn(async move {
            let _slot = slot;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(true);
            let conn =
                http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                r = conn.as_mut() => log_end(r, remote),
                () = closing.cancelled() => {
                    conn.as_mut().graceful_shutdown();
                    log_end(conn.await, remote);
                }
            }
        });
    }
    connections.close();
    connections.wait().await;
    Ok(())
}

fn log_end(result: Result<(), hyper::Error>, remote: SocketAddr) {
    if let Err(e) = result {
        tracing::debug!(%remote, "connection ended: {e}");
    }
}
