//! The SQLite handle: one writer connection, a pool of read-only readers,
//! PRAGMAs and migrations. Every call runs on tokio's blocking threads.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use tokio::sync::Semaphore;

use super::StoreError;

/// Numbered migrations; a shipped one is never edited, only followed.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_foundation.sql"),
    include_str!("../../migrations/0002_tickets.sql"),
    include_str!("../../migrations/0003_orders.sql"),
    include_str!("../../migrations/0004_message_index.sql"),
    include_str!("../../migrations/0005_read_counts.sql"),
    include_str!("../../migrations/0006_timesheets.sql"),
    include_str!("../../migrations/0007_list_indexes.sql"),
    include_str!("../../migrations/0008_attachment_limits.sql"),
    include_str!("../../migrations/0009_owners.sql"),
    include_str!("../../migrations/0010_projects.sql"),
    include_str!("../../migrations/0011_invoices.sql"),
    include_str!("../../migrations/0012_knowledge.sql"),
    include_str!("../../migrations/0013_admin.sql"),
    include_str!("../../migrations/0014_two_factor.sql"),
    include_str!("../../migrations/0015_mail.sql"),
    include_str!("../../migrations/0016_sla_and_public_forms.sql"),
    include_str!("../../migrations/0017_billing_lists.sql"),
    include_str!("../../migrations/0018_trust.sql"),
    include_str!("../../migrations/0019_mail_upkeep.sql"),
    include_str!("../../migrations/0020_relayed_events.sql"),
    include_str!("../../migrations/0021_billing_mail.sql"),
    include_str!("../../migrations/0024_thread_order_and_owned_files.sql"),
];

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page cache per connection, in KiB. The hot pages of a list page (the
/// index range, 50 rows, the joined names) fit many times over; a bigger
/// cache only kept more of a 1 GB file resident (2 MiB cost 8 MB of RSS
/// after the load benchmark and saved no list any time; the pages it would
/// keep are in the OS cache anyway).
const CACHE_KIB: i64 = 1_024;

/// A database connection as the rest of the server holds it: store
/// functions take one, and nothing outside `store/` can reach the SQLite
/// handle inside (the seam for a second backend).
pub struct Conn<'a>(pub(in crate::store) &'a Connection);

impl<'a> Conn<'a> {
    /// Wraps a connection opened by the store itself (migrations, seeds, tools).
    pub(in crate::store) fn over(c: &'a Connection) -> Self {
        Conn(c)
    }
}

#[derive(Clone)]
pub struct Db {
    writer: Arc<tokio::sync::Mutex<Connection>>,
    readers: Arc<Readers>,
    /// Rises after every write, so what was read before it is known stale.
    generation: Arc<AtomicU64>,
}

struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Semaphore,
}

impl Db {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub fn open(path: &Path, readers: usize) -> Result<Self, StoreError> {
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        // WAL is a property of the file: set once here, readers inherit it.
        writer.pragma_update(None, "journal_mode", "WAL")?;
        migrate(&mut writer)?;
        let readers = readers.max(1);
        // One reader now, to prove the file is readable; the others are
        // opened when concurrent reads first need them, so an idle server
        // holds one connection's schema and cache, not `readers` of them.
        let idle = vec![open_reader(path)?];
        Ok(Db {
            writer: Arc::new(tokio::sync::Mutex::new(writer)),
            readers: Arc::new(Readers {
                path: path.to_owned(),
                idle: Mutex::new(idle),
                permits: Semaphore::new(readers),
            }),
            generation: Arc::default(),
        })
    }

    /// Runs `f` on a read-only connection. `f` may fail with any error a
    /// store error converts into (a domain error, `ApiError`).
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Conn<'_>) -> Result<T, E> + Send + 'static,
    {
        let _permit = self
            .readers
            .permits
            .acquire()
            .await
            .map_err(|_| StoreError::Closed)?;
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || {
            let conn = match lock(&readers.idle).pop() {
                Some(c) => c,
                // Opened on first need (see `open`), and a reader lost to a
                // panic is replaced rather than shrinking the pool.
                None => open_reader(&readers.path)?,
            };
            let out = f(&Conn(&conn));
            lock(&readers.idle).push(conn);
            out
        })
        .await
        .map_err(StoreError::from)?
    }

    /// Runs `f` inside one `BEGIN IMMEDIATE` transaction on the writer and
    /// commits when it returns `Ok`; any `Err` rolls it back. `f` may fail
    /// with any error a store error converts into, so a refusal decided inside
    /// the transaction is simply its error. Writers queue asynchronously for
    /// the one connection, so no blocking thread waits on a lock.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Conn<'_>) -> Result<T, E> + Send + 'static,
    {
        let mut conn = self.writer.clone().lock_owned().await;
        let out = tokio::task::spawn_blocking(move || {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(StoreError::from)?;
            let out = f(&Conn(&tx))?;
            tx.commit().map_err(StoreError::from)?;
            Ok(out)
        })
        .await
        .map_err(StoreError::from)?;
        // After the commit (or the rollback): a reader that saw the old
        // generation may have read the old data.
        self.generation.fetch_add(1, Ordering::Release);
        out
    }

    /// How many writes have finished: equal generations, equal data.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Caps the database at `pages` pages and answers the cap now in force.
    /// Tests use it to make the disk "full"; operators never need it.
    pub async fn set_max_page_count(&self, pages: i64) -> Result<i64, StoreError> {
        let conn = self.writer.clone().lock_owned().await;
        tokio::task::spawn_blocking(move || {
            Ok(conn.query_row(
                &format!("PRAGMA max_page_count = {}", pages.max(1)),
                [],
                |r| r.get(0),
            )?)
        })
        .await?
    }

    /// A consistent copy of the live database, taken while it serves.
    pub async fn backup_to(&self, to: PathBuf) -> Result<(), StoreError> {
        self.read(move |c| vacuum_into(c.0, &to)).await
    }
}

/// Writes a compacted, consistent snapshot of `conn`'s database to `to`.
pub fn vacuum_into(conn: &Connection, to: &Path) -> Result<(), StoreError> {
    let to = to.to_str().ok_or(StoreError::Path)?;
    conn.execute("VACUUM INTO ?1", [to])?;
    Ok(())
}

/// `PRAGMA integrity_check` → `Ok` when the answer is the single row `ok`.
pub fn integrity_check(conn: &Connection) -> Result<bool, StoreError> {
    let answer: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    Ok(answer == "ok")
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // The guarded Vec stays valid even if a holder panicked.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // NORMAL in WAL mode: a power loss may drop the last commits but never
    // corrupts the file; an application crash loses nothing.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Memory is bounded per connection, so RSS follows the number of
    // connections (the writer and `readers`), not the size of the data: a
    // page cache of CACHE_KIB each, and no memory map (mapped pages of a
    // large file count towards RSS and are not ours to bound).
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.set_prepared_statement_cache_capacity(64);
    // The bundled SQLite has STAT4: without the stability guarantee a cached
    // statement whose WHERE compares a bound value to an indexed column is
    // parsed and planned again on every new binding (a quarter of a list
    // request's time). Every list names its index, so the plan never
    // depends on the values anyway.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// A read-only connection configured as the server's readers are (also what
/// the store benchmark measures).
pub fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    configure(&conn)?;
    Ok(conn)
}

/// Applies the migrations after `PRAGMA user_version`, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<usize, StoreError> {
    let current = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if current > MIGRATIONS.len() {
        return Err(StoreError::NewerSchema {
            found: current,
            known: MIGRATIONS.len(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
        tracing::info!(migration = i + 1, "applied migration");
    }
    Ok(MIGRATIONS.len() - current)
}

/// Brings the database file at `path` up to date; answers how many
/// migrations were applied.
pub fn migrate_file(path: &Path) -> Result<usize, StoreError> {
    let mut conn = Connection::open(path)?;
    migrate(&mut conn)
}

/// Runs `f` in one transaction on the database at `path`, for one-off
/// commands (creating the first administrator).
pub fn with_file<T>(
    path: &Path,
    f: impl FnOnce(&Conn<'_>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let mut conn = open_direct(path)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(&Conn(&tx))?;
    tx.commit()?;
    Ok(out)
}

/// Runs `f` on a read-only connection to the database at `path` (benchmarks
/// and tools that run store queries without a server).
pub fn with_reader<T>(
    path: &Path,
    f: impl FnOnce(&Conn<'_>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let conn = open_reader(path)?;
    f(&Conn(&conn))
}

/// Copies the database at `from` to a new file `to` while it may be in use,
/// and answers whether the copy passes SQLite's integrity check.
pub fn backup_file(from: &Path, to: &Path) -> Result<bool, StoreError> {
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    vacuum_into(&conn, to)?;
    let copy = Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    integrity_check(&copy)
}

/// Opens the database for a one-off command (migrate, admin, seed).
pub fn open_direct(path: &Path) -> Result<Connection, StoreError> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    migrate(&mut conn)?;
    Ok(conn)
}
