//! The app's live stream against a real server: events arrive, and after a
//! dropped connection it reconnects with `Last-Event-ID` and misses nothing.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use portico::client::Client;
use portico::shell::msg::{Action, Live};
use portico_tests::TestServer;
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinHandle;

/// A loopback TCP proxy whose connections the test can cut, and which can
/// refuse new ones for a while: a flaky network on demand.
struct Proxy {
    url: String,
    open: Arc<AtomicBool>,
    conns: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accept: JoinHandle<()>,
}

impl Proxy {
    async fn to(upstream: &str) -> Proxy {
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let open = Arc::new(AtomicBool::new(true));
        let conns: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (o, c) = (open.clone(), conns.clone());
        let accept = tokio::spawn(async move {
            while let Ok((mut down, _)) = listener.accept().await {
                if !o.load(Ordering::SeqCst) {
                    continue; // dropped: the client sees a reset
                }
                let upstream = upstream.clone();
                c.lock().await.push(tokio::spawn(async move {
                    if let Ok(mut up) = TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut down, &mut up).await;
                    }
                }));
            }
        });
        Proxy {
            url,
            open,
            conns,
            accept,
        }
    }

    /// Cuts every open connection and refuses new ones until `reopen`.
    async fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        for c in self.conns.lock().await.drain(..) {
            c.abort();
        }
    }

    fn reopen(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// The next live action, skipping nothing; fails after a bound.
async fn next(rx: &mut mpsc::UnboundedReceiver<Action>) -> Live {
    match tokio::time::timeout(Duration::from_secs(15), rx.recv()).await {
        Ok(Some(Action::Live(l))) => l,
        other => panic!("expected a live action, got {other:?}"),
    }
}

/// Waits for a `ticket.created` event for `subject`, passing over reconnect noise.
async fn created(rx: &mut mpsc::UnboundedReceiver<Action>, subject: &str) {
    loop {
        if let Live::Event(e) = next(rx).await
            && e.kind == "ticket.created"
            && e.ticket.as_ref().is_some_and(|t| t.subject == subject)
        {
            return;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_events_survive_a_dropped_connection() {
    let server = TestServer::demo().await;
    let proxy = Proxy::to(&server.base).await;
    let sam = server.demo_login("sam@portico.example").await;
    let ana = server.demo_login("ana@northwind.example").await;
    let client = Client::new(&proxy.url)
        .unwrap()
        .with_token(sam.token.clone().unwrap());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let follow = tokio::spawn(portico::shell::live::follow(client, tx));
    assert_eq!(next(&mut rx).await, Live::Connected);

    let new = |subject: &str| json!({"subject": subject, "body": "x"});
    assert_eq!(
        ana.post("/api/v1/tickets", new("Before the cut")).await.0,
        201
    );
    created(&mut rx, "Before the cut").await;

    proxy.cut().await;
    assert!(matches!(next(&mut rx).await, Live::Disconnected(_)));
    // Published while the app is away: only a resume from Last-Event-ID brings it.
    assert_eq!(ana.post("/api/v1/tickets", new("While away")).await.0, 201);
    proxy.reopen();
    created(&mut rx, "While away").await;

    assert_eq!(
        ana.post("/api/v1/tickets", new("After the return")).await.0,
        201
    );
    created(&mut rx, "After the return").await;
    follow.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_session_stops_the_stream() {
    let server = TestServer::demo().await;
    let client = Client::new(&server.base).unwrap().with_token("not-a-token");
    let (tx, mut rx) = mpsc::unbounded_channel();
    let follow = tokio::spawn(portico::shell::live::follow(client, tx));
    assert!(matches!(next(&mut rx).await, Live::Disconnected(_)));
    // It gives up instead of hammering the server.
    tokio::time::timeout(Duration::from_secs(5), follow)
        .await
        .unwrap()
        .unwrap();
}
