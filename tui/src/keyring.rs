//! The OS keyring, through keyring-core. On Linux this is the kernel's
//! keyutils store: it needs no D-Bus (unlike the secret service, which fails
//! on headless SSH hosts), works inside a login session and forgets at reboot.
//! Every write is read back, because a store can accept a write it cannot keep.

const SERVICE: &str = "portico";

#[cfg(target_os = "linux")]
pub const NAME: &str = "kernel keyutils";
#[cfg(not(target_os = "linux"))]
pub const NAME: &str = "none";

#[cfg(target_os = "linux")]
fn entry(server: &str) -> Result<keyring_core::Entry, String> {
    let store: std::sync::Arc<keyring_core::CredentialStore> =
        linux_keyutils_keyring_store::Store::new().map_err(|e| e.to_string())?;
    keyring_core::Entry::new_in_store(&store, SERVICE, server).map_err(|e| e.to_string())
}

#[cfg(not(target_os = "linux"))]
fn entry(_server: &str) -> Result<keyring_core::Entry, String> {
    Err(format!(
        "no OS keyring support is built in for {SERVICE} on this system"
    ))
}

/// Stores the token and proves the store keeps it.
pub fn set(server: &str, token: &str) -> Result<(), String> {
    let e = entry(server)?;
    e.set_password(token).map_err(|e| e.to_string())?;
    match e.get_password() {
        Ok(back) if back == token => Ok(()),
        Ok(_) => Err("the keyring gave back a different token".into()),
        Err(err) => Err(err.to_string()),
    }
}

pub fn get(server: &str) -> Result<Option<String>, String> {
    match entry(server)?.get_password() {
        Ok(t) => Ok(Some(t)),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

pub fn delete(server: &str) -> Result<(), String> {
    match entry(server)?.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}
