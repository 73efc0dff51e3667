//! `portico demo`: a real server in this process, on a free loopback port,
//! over a freshly seeded database in a temporary directory.

use std::path::Path;

use portico_server::{AppState, Clock, Config};
use portico_shared::Role;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::screens::login::DemoAccount;

/// The running demo server; `stop` ends it and removes its data.
pub struct DemoServer {
    pub base: String,
    /// Staff first unless a client or a worker was asked for.
    pub accounts: Vec<DemoAccount>,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoRole {
    Staff,
    Client,
    /// A worker at the clock (Wendy, clocked in).
    Worker,
}

pub async fn start(first: DemoRole) -> anyhow::Result<DemoServer> {
    let dir = tempfile::Builder::new().prefix("portico-demo-").tempdir()?;
    log_to_file(&dir.path().join("server.log"));
    let mut config = Config {
        data_dir: dir.path().to_owned(),
        ..Config::default()
    };
    config.login_throttle.enabled = false;
    let state = AppState::open(config, Clock::default()).await?;
    let path = state.config.db_path();
    let now = state.clock.now();
    let demo = tokio::task::spawn_blocking(move || {
        let mut conn = portico_server::store::db::open_direct(&path)?;
        portico_server::seed::seed_demo(&mut conn, now)
    })
    .await??;
    // Bind first, then serve: the port answers before the app's first request.
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(portico_server::serve(listener, state, async move {
        let _ = stopped.await;
    }));
    let account = |role: Role, label: &str| {
        demo.first(role).map(|a| DemoAccount {
            label: format!("{label}: {}", a.name),
            email: a.email.clone(),
            password: demo.password.to_owned(),
        })
    };
    let staff = account(Role::Agent, "staff").or_else(|| account(Role::Admin, "staff"));
    let client = account(Role::Client, "client");
    let worker = account(Role::Worker, "worker");
    let accounts = match first {
        DemoRole::Staff => [staff, client, worker],
        DemoRole::Client => [client, staff, worker],
        DemoRole::Worker => [worker, staff, client],
    }
    .into_iter()
    .flatten()
    .collect();
    Ok(DemoServer {
        base,
        accounts,
        dir,
        stop: Some(stop),
        task,
    })
}

impl DemoServer {
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = self.task.await;
    }
}

/// Server logs go to a file: anything on stderr would land on the app's screen.
fn log_to_file(path: &Path) {
    if let Ok(file) = std::fs::File::create(path) {
        let _ = tracing_subscriber::fmt()
            .with_writer(std::sync::Mutex::new(file))
            .with_ansi(false)
            .try_init();
    }
}
