//! What every handler shares.

use std::sync::{Arc, RwLock};

use portico_shared::{Branding, Module};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::config::Config;
use crate::events::Hub;
use crate::hashing::Hasher;
use crate::session_cache::SessionCache;
use crate::store::{Db, StoreError, settings};
use crate::stream_limits::StreamLimits;
use crate::throttle::{Limits, Throttle};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub throttle: Arc<Throttle>,
    /// Password hashing: a few threads and a short queue.
    pub hasher: Arc<Hasher>,
    pub branding: Arc<Branding>,
    /// Modules switched off for every client; read on every request, so kept in memory.
    pub disabled_modules: Arc<RwLock<Vec<Module>>>,
    pub hub: Arc<Hub>,
    /// Sessions resolved recently; see `access_changed`.
    pub sessions: Arc<SessionCache>,
    /// Requests in flight (live event streams excepted).
    pub in_flight: Arc<Semaphore>,
    /// Live event streams; each holds a slot while open.
    pub stream_slots: Arc<Semaphore>,
    /// Live event streams per person: how many open, how often opened.
    pub stream_limits: Arc<StreamLimits>,
    /// Cancelled at shutdown so long-lived streams end.
    pub shutdown: CancellationToken,
    /// Live events are handed to the running server through the database
    /// (`relay`) instead of this process's hub: true beside a server
    /// (`connect`, as `mail-in` is), false in the server itself (`open`).
    pub relay_events: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot read the logo file {path}: {source}")]
    Logo {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

const DEFAULT_LOGO: &str = include_str!("../../assets/logo.txt");

impl AppState {
    /// Opens (creating and migrating) the data directory's database, for
    /// the server: uploads spooled when it last stopped are cleared.
    pub async fn open(config: Config, clock: Clock) -> Result<Self, StartError> {
        let spool = config.spool_dir();
        // Uploads spooled when the server last stopped are of no use now.
        let _ = std::fs::remove_dir_all(&spool);
        std::fs::create_dir_all(&spool).map_err(|source| StartError::DataDir {
            path: spool.display().to_string(),
            source,
        })?;
        let mut state = Self::connect(config, clock).await?;
        state.relay_events = false;
        Ok(state)
    }

    /// Opens the database beside a server that may be running (`mail-in`):
    /// its spool is left alone.
    pub async fn connect(config: Config, clock: Clock) -> Result<Self, StartError> {
        let logo = match &config.branding.logo_file {
            Some(p) => std::fs::read_to_string(p).map_err(|source| StartError::Logo {
                path: p.display().to_string(),
                source,
            })?,
            None => DEFAULT_LOGO.to_owned(),
        };
        let path = config.db_path();
        let readers = config.readers;
        let db = tokio::task::spawn_blocking(move || Db::open(&path, readers))
            .await
            .map_err(StoreError::from)??;
        let disabled = db.read(settings::disabled_modules).await?;
        let t = &config.login_throttle;
        let throttle = Throttle::new(Limits {
            enabled: t.enabled,
            per_account: t.per_account,
            per_address: t.per_address,
            account_slow_after: t.account_slow_after,
            window_secs: i64::from(t.window_secs),
        });
        let b = &config.branding;
        let branding = Branding {
            company_name: b.company_name.clone(),
            logo,
            welcome: b.welcome.clone(),
            accent: b.accent.clone(),
            copyright: b.copyright.clone(),
        };
        let history_bytes = config.event_history_bytes;
        let (per_person, opens_per_minute) = (
            config.max_streams_per_person,
            config.stream_opens_per_minute,
        );
        let (in_flight, streams) = (config.max_in_flight.max(1), config.max_event_streams.max(1));
        Ok(AppState {
            db,
            config: Arc::new(config),
            clock,
            throttle: Arc::new(throttle),
            hasher: Arc::new(Hasher::for_this_machine()),
            branding: Arc::new(branding),
            disabled_modules: Arc::new(RwLock::new(disabled)),
            hub: Arc::new(Hub::new(
                jiff::Timestamp::now().as_microsecond(),
                history_bytes,
            )),
            sessions: Arc::default(),
            in_flight: Arc::new(Semaphore::new(in_flight)),
            stream_slots: Arc::new(Semaphore::new(streams)),
            stream_limits: Arc::new(StreamLimits::new(per_person, opens_per_minute)),
            shutdown: CancellationToken::new(),
            relay_events: true,
        })
    }

    /// A person's sessions or rights changed (`EVERYONE`: anybody's may have):
    /// forget what was cached and make open event streams re-check.
    pub fn access_changed(&self, user: portico_shared::Id) {
        self.sessions.forget(user);
        self.hub.access_changed(user);
    }

    pub fn disabled_modules(&self) -> Vec<Module> {
        self.disabled_modules
            .read()
            .map(|g| g.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    pub fn set_disabled_modules(&self, disabled: Vec<Module>) {
        match self.disabled_modules.write() {
            Ok(mut g) => *g = disabled,
            Err(p) => *p.into_inner() = disabled,
        }
    }
}
