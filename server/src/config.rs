//! One `Config`: defaults, then an optional TOML file, then `PORTICO_*`
//! environment variables and flags (clap reads both into `Overrides`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    /// How long a sign-in lasts.
    pub session_days: u32,
    /// How long an invite code stays usable.
    pub invite_days: u32,
    /// Largest JSON body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Read-only SQLite connections.
    pub readers: usize,
    /// Requests handled at once; beyond it the server answers 503 at once
    /// instead of queueing without bound.
    pub max_in_flight: usize,
    /// Live event streams open at once, for everyone together.
    pub max_event_streams: usize,
    /// Live event streams one person may have open at once.
    pub max_streams_per_person: usize,
    /// Event streams one person may open per minute (reconnects included).
    pub stream_opens_per_minute: u32,
    /// Bytes of recent events kept for clients resuming with `Last-Event-ID`.
    pub event_history_bytes: usize,
    /// Connections open at once (capped below the open-file limit).
    pub max_connections: usize,
    /// Seconds a connection may take to send a request's headers; an idle
    /// keep-alive connection is closed after the same time.
    pub header_timeout_secs: u64,
    /// Proxies whose `X-Forwarded-For` / `Forwarded` headers are believed
    /// (addresses or CIDR blocks); from anyone else they are ignored.
    pub trusted_proxies: Vec<Cidr>,
    /// Largest attachment accepted, in bytes.
    pub attachment_max_bytes: usize,
    /// Attachment bytes one client organisation may store in all.
    pub attachment_quota_bytes: u64,
    /// Attachment bytes one staff member or worker may store in all.
    pub attachment_person_quota_bytes: u64,
    /// Uploads not attached to anything within this many hours are deleted.
    pub orphan_upload_hours: u32,
    /// Resolved tickets close after this many days.
    pub auto_close_days: u32,
    /// How often to look for tickets to close, in seconds.
    pub auto_close_check_secs: u64,
    /// Audit log entries older than this many days are deleted (0: kept
    /// for ever).
    pub audit_days: u32,
    /// Admins and agents must sign in with a second factor; one who has
    /// none is led through enrolment at their next sign-in.
    pub require_two_factor_staff: bool,
    pub login_throttle: LoginThrottle,
    pub branding: BrandingConfig,
    /// When an unclocked shift shows as late, then as a no-show.
    pub shifts: portico_shared::Grace,
    /// The hosted payment page shown on sent invoices, e.g.
    /// `https://pay.example.com/{number}?amount={amount}`; an organisation's
    /// own template (set by an admin) wins. None: no link.
    pub payment_link: Option<String>,
    /// The server's address as people reach it (`https://portal.example.com`),
    /// for links and `portico join` lines in mail.
    pub public_url: Option<String>,
    /// Outgoing mail; without it nothing is mailed (invite codes are only shown).
    pub smtp: Option<SmtpConfig>,
    /// Incoming mail (`portico-server mail-in`, the IMAP poller).
    pub mail_in: MailInConfig,
    /// How long quarantined mail, held public submissions and finished
    /// outbox mail are kept, and how many of each at most.
    pub retention: Retention,
}

/// `[smtp]`: where and as whom mail is sent, and how the sender retries.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    /// `smtp://host:25`, `smtp://user:pass@host:587?tls=starttls`, `smtps://host:465`.
    pub url: String,
    /// `Name <address>`: the sender of every mail.
    pub from: String,
    /// Where replies go (plus-addressed per thread, `support+t12@…`);
    /// the `from` address when absent.
    pub reply_to: Option<String>,
    /// How often the sender looks for mail to send, in seconds.
    pub send_every_secs: u64,
    /// The wait before the first retry; it doubles each time (up to an hour).
    pub retry_secs: u64,
    /// Tries before a mail is given up on (shown as failed to administrators).
    pub max_attempts: u32,
    /// Seconds one SMTP conversation may take.
    pub timeout_secs: u64,
}

/// `[retention]`: what strangers can make the server keep (mail held in
/// quarantine, public form submissions held for staff) and mail already
/// sent or given up on are dropped after `days` and, oldest first, beyond
/// `max_rows` of each.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retention {
    /// Days each is kept (0: no age limit; the row cap still holds).
    pub days: u32,
    /// Rows of each kept at most.
    pub max_rows: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            days: 30,
            max_rows: 5_000,
        }
    }
}

/// `[mail_in]`: limits of what `mail-in` and the IMAP poller accept, and
/// the mailbox the poller reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailInConfig {
    /// The largest message read from standard input or fetched, in bytes.
    pub max_bytes: usize,
    /// `imaps://user:pass@host[:port]/MAILBOX` (or `imap://…`, plain, with
    /// `?tls=starttls` to upgrade): the server polls it for unseen mail.
    pub imap_url: Option<String>,
    /// Seconds between looks at the mailbox when the IMAP server has no IDLE.
    pub imap_poll_secs: u64,
    /// The wait before reconnecting after an IMAP error; it doubles each
    /// time (up to five minutes).
    pub imap_retry_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoginThrottle {
    pub enabled: bool,
    /// Failed attempts for one account from one client address within the
    /// window; then that address is refused for that account.
    pub per_account: u32,
    /// Failed attempts from one client address within the window, any account.
    pub per_address: u32,
    /// Failed attempts for one account from all addresses after which each
    /// further attempt waits longer (never refused: the owner still gets in).
    pub account_slow_after: u32,
    pub window_secs: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BrandingConfig {
    pub company_name: String,
    pub welcome: String,
    pub accent: String,
    pub copyright: String,
    /// An ASCII-art logo file; the bundled `assets/logo.txt` when absent.
    pub logo_file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("./portico-data"),
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            session_days: 30,
            invite_days: 7,
            audit_days: 400,
            require_two_factor_staff: false,
            max_body_bytes: 1024 * 1024,
            readers: 4,
            max_in_flight: 256,
            max_event_streams: 1000,
            max_streams_per_person: 8,
            stream_opens_per_minute: 30,
            event_history_bytes: 4 * 1024 * 1024,
            max_connections: 10_000,
            header_timeout_secs: 10,
            trusted_proxies: Vec::new(),
            attachment_max_bytes: 25 * 1024 * 1024,
            attachment_quota_bytes: 2 * 1024 * 1024 * 1024,
            attachment_person_quota_bytes: 1024 * 1024 * 1024,
            orphan_upload_hours: 24,
            auto_close_days: 7,
            auto_close_check_secs: 600,
            login_throttle: LoginThrottle::default(),
            branding: BrandingConfig::default(),
            shifts: portico_shared::Grace::default(),
            payment_link: None,
            public_url: None,
            smtp: None,
            mail_in: MailInConfig::default(),
            retention: Retention::default(),
        }
    }
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            url: String::new(),
            from: String::new(),
            reply_to: None,
            send_every_secs: 5,
            retry_secs: 30,
            max_attempts: 12,
            timeout_secs: 30,
        }
    }
}

impl SmtpConfig {
    /// The URL as lettre reads it: `tls=starttls` is its `tls=required`.
    pub fn transport_url(&self) -> String {
        self.url.replace("tls=starttls", "tls=required")
    }

    pub fn from_mailbox(&self) -> Result<lettre::message::Mailbox, String> {
        self.from
            .parse()
            .map_err(|e| format!("from {:?} is not `Name <address>`: {e}", self.from))
    }

    /// Where replies go: `reply_to`, else the sender.
    pub fn reply_mailbox(&self) -> Result<lettre::message::Mailbox, String> {
        match &self.reply_to {
            Some(r) => r
                .parse()
                .map_err(|e| format!("reply_to {r:?} is not an address: {e}")),
            None => self.from_mailbox(),
        }
    }

    /// Everything a sender needs is there and readable (no connection is made).
    fn check(&self) -> Result<(), String> {
        if self.url.is_empty() {
            return Err("url (or PORTICO_SMTP_URL) is required".into());
        }
        type Transport = lettre::AsyncSmtpTransport<lettre::Tokio1Executor>;
        Transport::from_url(&self.transport_url())
            .map_err(|e| format!("url is not an SMTP URL such as smtp://host:25: {e}"))?;
        self.from_mailbox()?;
        self.reply_mailbox()?;
        if self.send_every_secs == 0 || self.max_attempts == 0 || self.timeout_secs == 0 {
            return Err("send_every_secs, max_attempts and timeout_secs must be at least 1".into());
        }
        Ok(())
    }
}

impl Default for MailInConfig {
    fn default() -> Self {
        MailInConfig {
            max_bytes: 32 * 1024 * 1024,
            imap_url: None,
            imap_poll_secs: 60,
            imap_retry_secs: 5,
        }
    }
}

impl MailInConfig {
    /// The IMAP mailbox is readable and the intervals are not zero (no
    /// connection is made).
    fn check(&self) -> Result<(), String> {
        if let Some(url) = &self.imap_url {
            crate::mail::imap::Mailbox::parse(url).map_err(|e| format!("imap_url: {e}"))?;
        }
        if self.imap_poll_secs == 0 || self.imap_retry_secs == 0 {
            return Err("imap_poll_secs and imap_retry_secs must be at least 1".into());
        }
        Ok(())
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            enabled: true,
            per_account: 5,
            per_address: 30,
            account_slow_after: 10,
            window_secs: 15 * 60,
        }
    }
}

impl Default for BrandingConfig {
    fn default() -> Self {
        BrandingConfig {
            company_name: "Portico".into(),
            welcome: "Welcome to your client portal.".into(),
            accent: "#3b82f6".into(),
            copyright: "© Portico".into(),
            logo_file: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    #[error("{0}")]
    Invalid(String),
}

/// Settings that flags and `PORTICO_*` variables may set over the file.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Overrides {
    /// A TOML config file.
    #[arg(long, env = "PORTICO_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Where the database (and its attachments) lives.
    #[arg(long, env = "PORTICO_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// SMTP server for outgoing mail (`smtp://…`, `smtps://…`, `?tls=starttls`).
    #[arg(long, env = "PORTICO_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// The sender of outgoing mail, `Name <address>`.
    #[arg(long, env = "PORTICO_SMTP_FROM", global = true)]
    pub smtp_from: Option<String>,
    /// The server's address as people reach it, for links in mail.
    #[arg(long, env = "PORTICO_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// A mailbox the server polls for incoming mail
    /// (`imaps://user:pass@host/INBOX`).
    #[arg(long, env = "PORTICO_IMAP_URL", global = true)]
    pub imap_url: Option<String>,
}

/// Settings only `serve` takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServeOverrides {
    /// Address to listen on.
    #[arg(long, env = "PORTICO_BIND")]
    pub bind: Option<SocketAddr>,
    /// Days a sign-in lasts.
    #[arg(long, env = "PORTICO_SESSION_DAYS")]
    pub session_days: Option<u32>,
    /// Throttle failed sign-ins (true/false).
    #[arg(long, env = "PORTICO_LOGIN_THROTTLE")]
    pub login_throttle: Option<bool>,
    /// Proxies whose forwarding headers are believed, comma-separated
    /// addresses or CIDR blocks (e.g. 127.0.0.1,10.0.0.0/8).
    #[arg(long, env = "PORTICO_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Option<Vec<Cidr>>,
}

impl Config {
    /// Defaults, then the file named by `o.config`, then the overrides.
    pub fn load(o: &Overrides, s: &ServeOverrides) -> Result<Config, ConfigError> {
        let mut c = match &o.config {
            Some(path) => Config::from_file(path)?,
            None => Config::default(),
        };
        if let Some(d) = &o.data_dir {
            c.data_dir = d.clone();
        }
        c.apply_mail(o);
        if let Some(b) = s.bind {
            c.bind = b;
        }
        if let Some(d) = s.session_days {
            c.session_days = d;
        }
        if let Some(t) = s.login_throttle {
            c.login_throttle.enabled = t;
        }
        if let Some(p) = &s.trusted_proxies {
            c.trusted_proxies = p.clone();
        }
        c.validate()?;
        Ok(c)
    }

    /// The mail settings of flags and environment over the file's.
    fn apply_mail(&mut self, o: &Overrides) {
        if let Some(url) = &o.public_url {
            self.public_url = Some(url.clone());
        }
        if let Some(url) = &o.imap_url {
            self.mail_in.imap_url = Some(url.clone());
        }
        if o.smtp_url.is_none() && o.smtp_from.is_none() {
            return;
        }
        let smtp = self.smtp.get_or_insert_with(SmtpConfig::default);
        if let Some(url) = &o.smtp_url {
            smtp.url = url.clone();
        }
        if let Some(from) = &o.smtp_from {
            smtp.from = from.clone();
        }
    }

    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        toml::from_str(&text).map_err(|source| ConfigError::Parse {
            path: path.to_owned(),
            source: Box::new(source),
        })
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.session_days == 0 || self.invite_days == 0 {
            return Err(ConfigError::Invalid(
                "session_days and invite_days must be at least 1".into(),
            ));
        }
        if self.login_throttle.window_secs == 0 {
            return Err(ConfigError::Invalid(
                "login_throttle.window_secs must be at least 1".into(),
            ));
        }
        if let Some(link) = &self.payment_link {
            portico_shared::payment_link_template(link)
                .map_err(|e| ConfigError::Invalid(format!("payment_link {}", e.message)))?;
        }
        if let Some(smtp) = &self.smtp {
            smtp.check()
                .map_err(|e| ConfigError::Invalid(format!("smtp: {e}")))?;
        }
        self.mail_in
            .check()
            .map_err(|e| ConfigError::Invalid(format!("mail_in: {e}")))?;
        Ok(())
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("portico.db")
    }

    /// Where uploads are spooled while they arrive.
    pub fn spool_dir(&self) -> PathBuf {
        self.data_dir.join("spool")
    }

    /// Whether `addr` is one of the trusted proxies.
    pub fn trusts(&self, addr: std::net::IpAddr) -> bool {
        self.trusted_proxies.iter().any(|c| c.0.contains(&addr))
    }
}

/// An address block (`10.0.0.0/8`), or one address (`127.0.0.1`, `::1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cidr(pub ipnet::IpNet);

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        s.parse::<ipnet::IpNet>()
            .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
            .map(Cidr)
            .map_err(|_| format!("{s:?} is not an address or a CIDR block such as 10.0.0.0/8"))
    }
}

impl<'de> Deserialize<'de> for Cidr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_then_flags() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("portico.toml");
        std::fs::write(
            &path,
            "session_days = 3\nbind = \"127.0.0.1:9999\"\n[branding]\ncompany_name = \"Acme\"\n",
        )
        .expect("write");
        let o = Overrides {
            config: Some(path),
            ..Default::default()
        };
        let s = ServeOverrides {
            bind: Some("127.0.0.1:7000".parse().expect("addr")),
            ..Default::default()
        };
        let c = Config::load(&o, &s).expect("load");
        assert_eq!(c.session_days, 3);
        assert_eq!(c.bind.port(), 7000);
        assert_eq!(c.branding.company_name, "Acme");
    }

    #[test]
    fn trusted_proxies_take_blocks_and_single_addresses() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "trusted_proxies = [\"10.0.0.0/8\", \"::1\"]\n").expect("write");
        let c = Config::from_file(&path).expect("load");
        assert!(c.trusts("10.1.2.3".parse().expect("ip")));
        assert!(c.trusts("::1".parse().expect("ip")));
        assert!(!c.trusts("11.0.0.1".parse().expect("ip")));
        std::fs::write(&path, "trusted_proxies = [\"10.0.0.0/99\"]\n").expect("write");
        assert!(Config::from_file(&path).is_err());
    }

    #[test]
    fn smtp_comes_from_the_file_or_the_environment_and_is_checked() {
        let o = Overrides {
            smtp_url: Some("smtp://mail.example.com:587?tls=starttls".into()),
            smtp_from: Some("Acme Support <help@acme.example>".into()),
            public_url: Some("https://portal.acme.example".into()),
            ..Default::default()
        };
        let c = Config::load(&o, &ServeOverrides::default()).expect("load");
        let smtp = c.smtp.expect("smtp");
        assert_eq!(
            smtp.transport_url(),
            "smtp://mail.example.com:587?tls=required"
        );
        assert_eq!(c.public_url.as_deref(), Some("https://portal.acme.example"));
        // Without SMTP nothing is mailed.
        let c = Config::load(&Overrides::default(), &ServeOverrides::default()).expect("load");
        assert!(c.smtp.is_none());
        for (url, from) in [
            ("smtp://mail.example.com", "not an address"),
            ("gopher://mail.example.com", "help@acme.example"),
            ("", "help@acme.example"),
        ] {
            let o = Overrides {
                smtp_url: Some(url.into()),
                smtp_from: Some(from.into()),
                ..Default::default()
            };
            assert!(
                matches!(
                    Config::load(&o, &ServeOverrides::default()),
                    Err(ConfigError::Invalid(_))
                ),
                "{url} {from}"
            );
        }
    }

    #[test]
    fn retention_has_defaults_and_reads_its_table() {
        let d = Config::default().retention;
        assert_eq!((d.days, d.max_rows), (30, 5_000));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "[retention]\ndays = 7\nmax_rows = 100\n").expect("write");
        let c = Config::from_file(&path).expect("load");
        assert_eq!((c.retention.days, c.retention.max_rows), (7, 100));
    }

    #[test]
    fn the_imap_mailbox_comes_from_the_file_or_the_environment_and_is_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.toml");
        std::fs::write(
            &path,
            "[mail_in]\nimap_url = \"imaps://help:pw@imap.acme.example/Support\"\nimap_poll_secs = 30\n",
        )
        .expect("write");
        let o = Overrides {
            config: Some(path.clone()),
            ..Default::default()
        };
        let c = Config::load(&o, &ServeOverrides::default()).expect("load");
        assert_eq!(
            c.mail_in.imap_url.as_deref(),
            Some("imaps://help:pw@imap.acme.example/Support")
        );
        assert_eq!(c.mail_in.imap_poll_secs, 30);
        // The environment (or flag) wins over the file.
        let o = Overrides {
            config: Some(path),
            imap_url: Some("imap://u:p@127.0.0.1:1143/INBOX".into()),
            ..Default::default()
        };
        let c = Config::load(&o, &ServeOverrides::default()).expect("load");
        assert_eq!(
            c.mail_in.imap_url.as_deref(),
            Some("imap://u:p@127.0.0.1:1143/INBOX")
        );
        for bad in ["pop3://u:p@mail.example", "imaps://mail.example/INBOX"] {
            let o = Overrides {
                imap_url: Some(bad.into()),
                ..Default::default()
            };
            assert!(
                matches!(
                    Config::load(&o, &ServeOverrides::default()),
                    Err(ConfigError::Invalid(m)) if m.contains("imap_url")
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn unknown_keys_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "sesion_days = 3\n").expect("write");
        assert!(matches!(
            Config::from_file(&path),
            Err(ConfigError::Parse { .. })
        ));
    }
}
