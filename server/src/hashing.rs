//! Password hashing as a bounded resource. Argon2id costs ~19 MiB and tens
//! of milliseconds per hash by design, so a flood of sign-ins (or invite
//! acceptances) run in parallel would take every byte and core the server
//! has. Here a fixed set of threads (about one per core) hashes, a short queue
//! waits, and past it the caller is told at once to come back later.

use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::sync::{Arc, LazyLock, Mutex};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every hashing thread is busy and the queue is full.
    #[error("password hashing is saturated")]
    Busy,
    #[error("hashing a password: {0}")]
    Failed(String),
}

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads and their queue.
pub struct Hasher {
    jobs: SyncSender<Job>,
}

impl Hasher {
    /// `threads` hash at once; `queue` more may wait for one.
    pub fn new(threads: usize, queue: usize) -> Hasher {
        let (jobs, rx) = mpsc::sync_channel::<Job>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads.max(1) {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("hash-{i}"))
                .spawn(move || {
                    loop {
                        let job = {
                            let rx = rx.lock().unwrap_or_else(|p| p.into_inner());
                            rx.recv()
                        };
                        match job {
                            Ok(job) => job(),
                            // The server is gone.
                            Err(_) => return,
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!("cannot start a hashing thread: {e}");
            }
        }
        Hasher { jobs }
    }

    /// One thread per core, at most four; a queue of twice that.
    pub fn for_this_machine() -> Hasher {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = cores.clamp(1, 4);
        Hasher::new(threads, threads * 2)
    }

    /// Runs `work` on a hashing thread, or answers `Busy` at once.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(work());
        });
        match self.jobs.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(HashError::Busy),
            Err(TrySendError::Disconnected(_)) => {
                return Err(HashError::Failed("no hashing thread".into()));
            }
        }
        rx.await
            .map_err(|_| HashError::Failed("a hashing thread stopped".into()))
    }

    /// An argon2id hash (PHC string) of `password` with a fresh salt.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || hash_blocking(&password)).await?
    }

    /// Whether `password` matches `hash`; `None` stands for "no such
    /// account" and is checked against a decoy, so it costs the same time.
    pub async fn verify(&self, hash: Option<String>, password: String) -> Result<bool, HashError> {
        self.run(move || {
            let (hash, real) = match hash {
                Some(h) => (h, true),
                None => (DECOY_HASH.clone(), false),
            };
            verify_now(&hash, &password) && real
        })
        .await
    }
}

/// A real hash to verify against when the e-mail is unknown.
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("portico-decoy-password").unwrap_or_default());

/// Memory for one hash. glibc serves allocations above a threshold it raises
/// itself (up to 32 MiB) from its heaps and keeps them after they are freed;
/// asking for more than 32 MiB of capacity always gets a fresh mapping that
/// goes back to the system when dropped. Untouched capacity costs no memory.
fn memory(blocks: usize) -> Vec<Block> {
    const ALWAYS_MAPPED: usize = 33 * 1024 * 1024 / Block::SIZE;
    let mut v = Vec::with_capacity(blocks.max(ALWAYS_MAPPED));
    v.resize(blocks, Block::new());
    v
}

pub fn hash_blocking(password: &str) -> Result<String, HashError> {
    let failed = |e: &dyn std::fmt::Display| HashError::Failed(e.to_string());
    let argon = Argon2::default();
    let params = argon.params().clone();
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon
        .hash_password_into_with_memory(
            password.as_bytes(),
            &salt,
            &mut out,
            memory(params.block_count()),
        )
        .map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| failed(&e))?),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

fn verify_now(hash: &str, password: &str) -> bool {
    let check = || -> Option<bool> {
        let parsed = PasswordHash::new(hash).ok()?;
        let algorithm = Algorithm::try_from(parsed.algorithm.as_str()).ok()?;
        let version = Version::try_from(parsed.version?).ok()?;
        let params = Params::try_from(&parsed).ok()?;
        let (salt, expected) = (parsed.salt.as_ref()?, parsed.hash.as_ref()?);
        let mut out = vec![0u8; expected.len()];
        let blocks = params.block_count();
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, memory(blocks))
            .ok()?;
        // `Output` compares in constant time.
        Some(Output::new(&out).ok()? == *expected)
    };
    check().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_decoys_never_match() {
        let h = Hasher::new(1, 2);
        let hash = h.hash("correct horse battery".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            h.verify(Some(hash.clone()), "correct horse battery".into())
                .await
                .expect("v")
        );
        assert!(!h.verify(Some(hash), "wrong".into()).await.expect("v"));
        assert!(
            !h.verify(None, "portico-decoy-password".into())
                .await
                .expect("v")
        );
    }

    #[test]
    fn hashes_made_by_the_argon2_defaults_still_verify() {
        use argon2::password_hash::PasswordHasher;
        let old = Argon2::default()
            .hash_password(b"an older password")
            .expect("hash")
            .to_string();
        assert!(verify_now(&old, "an older password"));
        assert!(!verify_now(&old, "another"));
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once() {
        let h = Arc::new(Hasher::new(1, 1));
        let (hold_tx, hold_rx) = std::sync::mpsc::channel::<()>();
        // Occupy the thread, then the one queue place.
        let first = {
            let h = h.clone();
            tokio::spawn(async move { h.run(move || hold_rx.recv().ok()).await })
        };
        // Let the thread pick the first job up.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let queued = {
            let h = h.clone();
            tokio::spawn(async move { h.run(|| 1).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(matches!(h.run(|| 2).await, Err(HashError::Busy)));
        hold_tx.send(()).expect("release");
        assert!(first.await.is_ok());
        assert_eq!(queued.await.expect("join").expect("ran"), 1);
    }
}
