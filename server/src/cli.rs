//! The `portico-server` command line: serve | migrate | admin create-user |
//! backup | seed-demo | mail-in. A library module so end-to-end tests can build the
//! same command as a binary of their own.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::{Config, Overrides, ServeOverrides};
use crate::store::{db, users};
use crate::{AppState, Clock, seed, seed_large};
use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use portico_shared::{Role, UserStatus, validate};

#[derive(Parser)]
#[command(
    name = "portico-server",
    version,
    about = "Portico's server: a self-hosted client portal over SQLite"
)]
struct Cli {
    #[command(flatten)]
    overrides: Overrides,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (creates and migrates the database on first start).
    Serve(ServeOverrides),
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Administration from the shell.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Copy the live database to FILE, consistently, while the server runs.
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Fill an empty data directory with demo organisations, people and tickets.
    SeedDemo {
        /// `demo`: a small, hand-written portal; `large`: the benchmark data set
        /// (500 organisations, 5,000 contacts, 100,000 tickets, 1,000,000 messages).
        #[arg(long, value_parser = ["demo", "large"], default_value = "demo")]
        scale: String,
    },
    /// Take one e-mail (RFC 5322) on standard input, as an MTA's pipe
    /// delivers it: a client's reply lands on its thread, a new mail opens
    /// a ticket; anything else is dropped or quarantined. Exit 75 (try
    /// again later) when the database cannot take it now.
    MailIn,
}

/// The sysexits code an MTA reads as "try again later".
const EX_TEMPFAIL: u8 = 75;

/// A failure the sender's MTA should retry.
#[derive(Debug, thiserror::Error)]
#[error("{0}; the mail server should try again later")]
struct TryLater(String);

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a staff member (the first admin, typically).
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "agent"])]
        role: String,
        /// Read the password from standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// Parses the command line, runs the command, and says how it went.
pub fn entry() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PORTICO_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        // Plain text: log files and journald should never receive escape sequences.
        .with_ansi(false)
        .init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portico-server: {e:#}");
            if e.downcast_ref::<TryLater>().is_some() {
                ExitCode::from(EX_TEMPFAIL)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let serve_overrides = match &cli.command {
        Command::Serve(s) => s.clone(),
        _ => ServeOverrides::default(),
    };
    let config = Config::load(&cli.overrides, &serve_overrides)?;
    match cli.command {
        Command::Serve(_) => serve(config),
        Command::Migrate => {
            std::fs::create_dir_all(&config.data_dir).context("creating the data directory")?;
            let applied = db::migrate_file(&config.db_path())?;
            println!("applied {applied} migration(s); the schema is current");
            Ok(())
        }
        Command::Admin(AdminCommand::CreateUser {
            email,
            name,
            role,
            password_stdin: _,
        }) => create_user(&config, &email, &name, &role),
        Command::Backup { to } => backup(&config, &to),
        Command::MailIn => mail_in(config),
        Command::SeedDemo { scale } if scale == "large" => {
            std::fs::create_dir_all(&config.data_dir).context("creating the data directory")?;
            let mut conn = db::open_direct(&config.db_path())?;
            let started = std::time::Instant::now();
            let w = seed_large::seed_large(
                &mut conn,
                Clock::default().now(),
                seed_large::Scale::LARGE,
                2026,
            )?;
            println!(
                "wrote {} organisations, {} contacts, {} tickets, {} messages, {} orders, {} timesheet entries in {:.1}s",
                w.organizations,
                w.contacts,
                w.tickets,
                w.messages,
                w.orders,
                w.entries,
                started.elapsed().as_secs_f64()
            );
            println!(
                "sign in as sam@portico.example (staff) or contact0@client000.example (client), password {:?}",
                seed::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::SeedDemo { .. } => {
            std::fs::create_dir_all(&config.data_dir).context("creating the data directory")?;
            let mut conn = db::open_direct(&config.db_path())?;
            let demo = seed::seed_demo(&mut conn, Clock::default().now())?;
            println!(
                "Demo data written to {}. Sign in with password {:?} as:",
                config.db_path().display(),
                demo.password
            );
            for a in &demo.accounts {
                println!("  {:<7} {:<28} {}", a.role.as_str(), a.email, a.name);
            }
            Ok(())
        }
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    // Database work runs on blocking threads, but at most `readers` + 1 at a
    // time; a small pool keeps threads (and their malloc arenas) few.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.readers + 2)
        .build()?;
    rt.block_on(async move {
        let bind = config.bind;
        let state = AppState::open(config, Clock::default()).await?;
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .with_context(|| format!("binding {bind}"))?;
        tracing::info!(addr = %listener.local_addr()?, "portico-server listening");
        crate::serve(listener, state, shutdown_signal()).await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Reads one message from standard input (at most `mail_in.max_bytes`)
/// and delivers it into the database beside the running server.
fn mail_in(config: Config) -> anyhow::Result<()> {
    let max = config.mail_in.max_bytes;
    let mut raw = Vec::new();
    std::io::stdin()
        .take(u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut raw)
        .context("reading the message")?;
    if raw.len() > max {
        bail!("the message is larger than {max} bytes (mail_in.max_bytes)");
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let outcome = rt.block_on(async move {
        let state = AppState::connect(config, Clock::default())
            .await
            .map_err(|e| TryLater(e.to_string()))?;
        crate::mail::inbound::deliver(&state, &raw)
            .await
            .map_err(|e| TryLater(e.to_string()))
    })?;
    println!("{outcome}");
    Ok(())
}

/// SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(e) => {
                    tracing::warn!("cannot listen for SIGTERM: {e}");
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    tracing::info!("shutting down: finishing requests in flight");
}

fn create_user(config: &Config, email: &str, name: &str, role: &str) -> anyhow::Result<()> {
    let role: Role = role.parse()?;
    let email =
        validate::email(email).map_err(|e| anyhow::anyhow!("{}: {}", e.field, e.message))?;
    let name =
        validate::name("name", name).map_err(|e| anyhow::anyhow!("{}: {}", e.field, e.message))?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("reading the password")?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    validate::password(&password).map_err(|e| anyhow::anyhow!("{}: {}", e.field, e.message))?;
    let hash = crate::hashing::hash_blocking(&password)?;
    std::fs::create_dir_all(&config.data_dir).context("creating the data directory")?;
    let new = users::NewUser {
        email: &email,
        name: &name,
        role,
        status: UserStatus::Active,
        organization_id: None,
        password_hash: Some(&hash),
        modules: None,
        location_ids: None,
        now: Clock::default().now(),
    };
    let id = db::with_file(&config.db_path(), |c| users::insert(c, &new))?;
    println!("created {role} {email} (id {id})");
    Ok(())
}

fn backup(config: &Config, to: &std::path::Path) -> anyhow::Result<()> {
    if to.exists() {
        bail!("{} exists; choose a new file", to.display());
    }
    let src = config.db_path();
    if !src.exists() {
        bail!("no database at {}", src.display());
    }
    if !db::backup_file(&src, to)? {
        bail!("the copy at {} failed its integrity check", to.display());
    }
    println!(
        "backed up {} to {} (integrity ok)",
        src.display(),
        to.display()
    );
    Ok(())
}
