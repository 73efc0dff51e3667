//! The OS keyring, through keyring-core. On Linux: the desktop's secret
//! service over D-Bus first, then the kernel's keyutils store, which needs
//! no D-Bus (so it works on headless SSH hosts) and forgets at reboot.
//! Every write is read back, because a store can accept a write it cannot
//! keep; the first store that keeps it is used.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};

const SERVICE: &str = "portico";

/// A store by its name in notices, or why it cannot be opened here.
type Candidate = (&'static str, Result<Arc<CredentialStore>, String>);

#[cfg(target_os = "linux")]
fn stores() -> Vec<Candidate> {
    fn open<S: keyring_core::api::CredentialStoreApi + Send + Sync + 'static>(
        made: keyring_core::Result<Arc<S>>,
    ) -> Result<Arc<CredentialStore>, String> {
        made.map(|s| s as Arc<CredentialStore>)
            .map_err(|e| e.to_string())
    }
    vec![
        (
            "secret service",
            open(zbus_secret_service_keyring_store::Store::new()),
        ),
        (
            "kernel keyutils",
            open(linux_keyutils_keyring_store::Store::new()),
        ),
    ]
}

#[cfg(not(target_os = "linux"))]
fn stores() -> Vec<Candidate> {
    Vec::new()
}

fn entry(store: &Arc<CredentialStore>, server: &str) -> Result<Entry, String> {
    Entry::new_in_store(store, SERVICE, server).map_err(|e| e.to_string())
}

/// Writes the token and reads it back.
fn keep(store: &Arc<CredentialStore>, server: &str, token: &str) -> Result<(), String> {
    let e = entry(store, server)?;
    e.set_password(token).map_err(|e| e.to_string())?;
    match e.get_password() {
        Ok(back) if back == token => Ok(()),
        Ok(_) => Err("it gave back a different token".into()),
        Err(err) => Err(err.to_string()),
    }
}

/// Stores the token in the first store that proves it keeps it, and
/// answers that store's name; otherwise why none would.
pub fn set(server: &str, token: &str) -> Result<&'static str, String> {
    let mut why = Vec::new();
    for (name, store) in stores() {
        match store.and_then(|s| keep(&s, server, token)) {
            Ok(()) => return Ok(name),
            Err(e) => why.push(format!("{name}: {e}")),
        }
    }
    if why.is_empty() {
        why.push("no OS keyring support is built in on this system".into());
    }
    Err(why.join("; "))
}

/// The token from whichever store has one.
pub fn get(server: &str) -> Result<Option<String>, String> {
    let mut last_error = None;
    for (_, store) in stores() {
        match store
            .and_then(|s| entry(&s, server))
            .map(|e| e.get_password())
        {
            Ok(Ok(t)) => return Ok(Some(t)),
            Ok(Err(keyring_core::Error::NoEntry)) => {}
            Ok(Err(e)) => last_error = Some(e.to_string()),
            Err(e) => last_error = Some(e),
        }
    }
    match last_error {
        Some(e) => Err(e),
        None => Ok(None),
    }
}

/// Forgets the token in every store.
pub fn delete(server: &str) -> Result<(), String> {
    let mut last_error = None;
    for (_, store) in stores() {
        match store
            .and_then(|s| entry(&s, server))
            .map(|e| e.delete_credential())
        {
            Ok(Ok(()) | Err(keyring_core::Error::NoEntry)) => {}
            Ok(Err(e)) => last_error = Some(e.to_string()),
            Err(e) => last_error = Some(e),
        }
    }
    last_error.map_or(Ok(()), Err)
}
