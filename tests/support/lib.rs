//! Test support: a real Portico server on a random loopback port with a
//! temporary data directory, and a small JSON-over-HTTP client to drive it.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use portico_server::{AppState, Clock, Config};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use portico_server::seed::DEMO_PASSWORD;

pub mod imap;
pub mod smtp;
pub mod tools;

/// A running server. Dropping it shuts the server down.
pub struct TestServer {
    pub base: String,
    pub state: AppState,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    /// A server with throttling off and an empty database.
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    /// A server whose config `tweak` may change first.
    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config {
            data_dir: dir.path().to_owned(),
            ..Config::default()
        };
        config.login_throttle.enabled = false;
        tweak(&mut config);
        let state = AppState::open(config, Clock::default()).await.unwrap();
        // Bind first, then serve: the port is ready before any request.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(portico_server::serve(listener, state.clone(), async move {
            let _ = stopped.await;
        }));
        TestServer {
            base,
            state,
            dir,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// A server on a generated data set of `tickets` tickets (five messages
    /// each) and `orders` orders in four organisations, seeded before it
    /// starts; sign in as `sam@portico.example` with `portico-demo`.
    pub async fn seeded(tickets: usize, orders: usize) -> TestServer {
        let scale = portico_server::seed_large::Scale {
            organizations: 4,
            contacts_per_org: 2,
            agents: 2,
            tickets,
            messages_per_ticket: 5,
            orders,
            workers: 1,
            entries_per_worker: 1,
        };
        Self::start_with(|config| {
            portico_server::seed_large::seed_file(&config.db_path(), 1_790_000_000, scale, 7)
                .unwrap();
        })
        .await
    }

    /// A server with the demo data set.
    pub async fn demo() -> TestServer {
        let server = Self::start().await;
        server.seed_demo().await;
        server
    }

    /// Writes the demo data set into this server's (empty) database.
    pub async fn seed_demo(&self) {
        let path = self.db_path();
        let now = self.state.clock.now();
        tokio::task::spawn_blocking(move || {
            let mut conn = portico_server::store::db::open_direct(&path).unwrap();
            portico_server::seed::seed_demo(&mut conn, now).unwrap();
        })
        .await
        .unwrap();
    }

    pub fn db_path(&self) -> PathBuf {
        self.state.config.db_path()
    }

    pub fn api(&self) -> Api {
        Api {
            base: self.base.clone(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    /// Signs in and answers a client carrying the token.
    pub async fn login(&self, email: &str, password: &str) -> Api {
        let mut api = self.api();
        let (status, body) = api
            .call(
                Method::POST,
                "/api/v1/auth/login",
                Some(serde_json::json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login {email}: {body}");
        api.token = Some(body["token"].as_str().unwrap().to_owned());
        api
    }

    pub async fn demo_login(&self, email: &str) -> Api {
        self.login(email, DEMO_PASSWORD).await
    }

    /// Reads one value with a fresh read-only connection.
    pub fn query_i64(&self, sql: &str) -> i64 {
        let c = rusqlite::Connection::open(self.db_path()).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// The first column of every row `sql` answers, read straight from the
    /// database: the ground truth a list is compared with.
    pub fn query_ids(&self, sql: &str) -> Vec<i64> {
        let c = rusqlite::Connection::open(self.db_path()).unwrap();
        let mut stmt = c.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// Stops the server and waits until it has finished.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.await.unwrap().unwrap();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// A JSON client with an optional bearer token.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
}

impl Api {
    pub fn with_token(&self, token: &str) -> Api {
        Api {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    pub fn anonymous(&self) -> Api {
        Api {
            token: None,
            ..self.clone()
        }
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        req
    }

    /// Sends JSON (or nothing) and answers the status and the JSON body
    /// (`Value::Null` when the body is empty or not JSON).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.request(method, path);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    /// The ids of every item of a list, following `next_cursor` page by page
    /// (at most 100 pages); `path` already has a query string.
    pub async fn ids_of_all_pages(&self, path: &str) -> Vec<i64> {
        let mut ids = Vec::new();
        let mut cursor = String::new();
        for _ in 0..100 {
            let (status, page) = self.get(&format!("{path}{cursor}")).await;
            assert_eq!(status, StatusCode::OK, "{path}{cursor}: {page}");
            ids.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|item| item["id"].as_i64().unwrap()),
            );
            match page["next_cursor"].as_str() {
                Some(next) => cursor = format!("&cursor={next}"),
                None => return ids,
            }
        }
        panic!("{path}: more than 100 pages");
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// A JSON POST answering the raw status and bytes, for byte-for-byte comparisons.
    pub async fn raw_post(&self, path: &str, body: Value) -> (StatusCode, Vec<u8>) {
        let resp = self
            .request(Method::POST, path)
            .json(&body)
            .send()
            .await
            .unwrap();
        (resp.status(), resp.bytes().await.unwrap().to_vec())
    }

    /// The raw body bytes, for byte-for-byte comparisons.
    pub async fn raw(&self, method: Method, path: &str) -> (StatusCode, Vec<u8>) {
        let resp = self.request(method, path).send().await.unwrap();
        (resp.status(), resp.bytes().await.unwrap().to_vec())
    }

    /// Uploads `bytes` as a file named `name`; answers the new upload's id.
    pub async fn upload(&self, name: &str, bytes: &[u8]) -> i64 {
        let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned());
        let resp = self
            .request(Method::POST, "/api/v1/attachments")
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::CREATED, "upload of {name}");
        resp.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
    }
}

/// Asserts a JSON error of the given status and code.
#[track_caller]
pub fn assert_error(got: &(StatusCode, Value), status: StatusCode, code: &str) {
    assert_eq!(got.0, status, "body: {}", got.1);
    assert_eq!(got.1["error"]["code"], code, "body: {}", got.1);
    assert!(
        got.1["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "no message: {}",
        got.1
    );
}

/// The fields a refusal names, sorted.
pub fn error_fields(got: &(StatusCode, Value)) -> Vec<String> {
    let mut fields: Vec<String> = got.1["error"]["fields"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    fields.sort_unstable();
    fields
}

/// One server-sent event as read off the wire.
#[derive(Debug, Clone)]
pub struct SseEvent {
    pub kind: String,
    pub id: Option<String>,
    pub data: Value,
}

/// Reads `GET /api/v1/events` as a stream of parsed events.
pub struct EventReader {
    resp: reqwest::Response,
    buf: String,
}

impl EventReader {
    pub async fn open(api: &Api, last_event_id: Option<&str>) -> EventReader {
        let mut req = api.request(Method::GET, "/api/v1/events");
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id);
        }
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        EventReader {
            resp,
            buf: String::new(),
        }
    }

    /// The next event (keep-alive comments skipped), or `None` after `wait`.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut ev = SseEvent {
                    kind: "message".into(),
                    id: None,
                    data: Value::Null,
                };
                let mut has_data = false;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        ev.kind = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("id:") {
                        ev.id = Some(v.trim().to_owned());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        ev.data = serde_json::from_str(v.trim()).unwrap_or(Value::Null);
                        has_data = true;
                    }
                }
                if has_data {
                    return Some(ev);
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.resp.chunk())
                .await
                .ok()?
                .ok()??;
            self.buf.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Whether the server ends the stream within `wait` (events before the
    /// end are skipped; keep-alives alone do not count as an end).
    pub async fn ends_within(&mut self, wait: std::time::Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.resp.chunk()).await {
                Err(_) => return false,
                Ok(Ok(Some(_))) => continue,
                Ok(Ok(None) | Err(_)) => return true,
            }
        }
    }

    /// The next event of one of `kinds`, skipping others; panics after `wait`.
    pub async fn expect(&mut self, kinds: &[&str], wait: std::time::Duration) -> SseEvent {
        loop {
            let ev = self
                .next(wait)
                .await
                .unwrap_or_else(|| panic!("no {kinds:?} event within {wait:?}"));
            if kinds.contains(&ev.kind.as_str()) {
                return ev;
            }
        }
    }
}

/// A loopback port that was free a moment ago (for binaries that bind it themselves).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Polls `GET base/healthz` until it answers, for at most `wait`.
pub async fn wait_healthy(base: &str, wait: std::time::Duration) {
    let http = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + wait;
    while tokio::time::Instant::now() < deadline {
        if let Ok(r) = http.get(format!("{base}/healthz")).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("{base} did not become healthy within {wait:?}");
}
