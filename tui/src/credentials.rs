//! Where the sign-in token lives between runs.
//!
//! The server URL is not secret and always goes to `config.json`; the token
//! goes to the OS keyring when one answers a real write and read, else to
//! `credentials.json`, created readable only by its owner (0600 in a 0700
//! directory). `PORTICO_TOKEN` / `PORTICO_SERVER` override both, for scripts.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::keyring;

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("cannot find a configuration directory: set XDG_CONFIG_HOME or HOME")]
    NoConfigDir,
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {source}")]
    Corrupt {
        path: String,
        source: serde_json::Error,
    },
    #[error("the OS keyring is not available here: {0}")]
    NoKeyring(String),
}

type Result<T, E = CredentialError> = std::result::Result<T, E>;

/// Which store holds the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum StoreKind {
    Keyring,
    File,
}

/// What a signed-in run needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub server: String,
    pub token: String,
}

/// `config.json`: the server and where its token was put.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Config {
    server: Option<String>,
    store: Option<StoreKind>,
}

/// `credentials.json`, for the file store.
#[derive(Debug, Serialize, Deserialize)]
struct TokenFile {
    server: String,
    token: String,
}

/// The configuration directory and the environment's overrides.
#[derive(Debug, Clone)]
pub struct Vault {
    dir: PathBuf,
    env_token: Option<String>,
    env_server: Option<String>,
}

impl Vault {
    /// From `$XDG_CONFIG_HOME/portico` (or `~/.config/portico`) and `PORTICO_*`.
    pub fn from_env() -> Result<Vault> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
            .ok_or(CredentialError::NoConfigDir)?;
        let non_empty = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Ok(Vault {
            dir: base.join("portico"),
            env_token: non_empty("PORTICO_TOKEN"),
            env_server: non_empty("PORTICO_SERVER"),
        })
    }

    /// A vault in `dir` with no environment overrides (for tests).
    pub fn at(dir: &Path) -> Vault {
        Vault {
            dir: dir.to_owned(),
            env_token: None,
            env_server: None,
        }
    }

    fn config_path(&self) -> PathBuf {
        self.dir.join("config.json")
    }

    fn token_path(&self) -> PathBuf {
        self.dir.join("credentials.json")
    }

    /// The server to use: the environment's, else the last one signed in to.
    pub fn server(&self) -> Result<Option<String>> {
        if let Some(s) = &self.env_server {
            return Ok(Some(s.clone()));
        }
        Ok(self.read_config()?.server)
    }

    /// The stored (or overriding) credentials, if any.
    pub fn load(&self) -> Result<Option<Credentials>> {
        let config = self.read_config()?;
        let Some(server) = self.env_server.clone().or(config.server.clone()) else {
            return Ok(None);
        };
        if let Some(token) = &self.env_token {
            return Ok(Some(Credentials {
                server,
                token: token.clone(),
            }));
        }
        let token = match config.store {
            Some(StoreKind::Keyring) => keyring::get(&server).ok().flatten(),
            Some(StoreKind::File) => self
                .read_token_file()?
                .filter(|f| f.server == server)
                .map(|f| f.token),
            None => None,
        };
        Ok(token.map(|token| Credentials { server, token }))
    }

    /// Saves `creds` in the chosen store, or the best one that works, and
    /// answers a one-line notice saying where it went.
    pub fn save(&self, creds: &Credentials, choice: Option<StoreKind>) -> Result<String> {
        self.clear()?;
        let (kind, which) = match choice {
            Some(StoreKind::Keyring) => {
                let name = keyring::set(&creds.server, &creds.token)
                    .map_err(CredentialError::NoKeyring)?;
                (StoreKind::Keyring, name.to_owned())
            }
            Some(StoreKind::File) => (StoreKind::File, "--token-store file".to_owned()),
            None => match keyring::set(&creds.server, &creds.token) {
                Ok(name) => (StoreKind::Keyring, name.to_owned()),
                Err(e) => (StoreKind::File, format!("OS keyring unavailable: {e}")),
            },
        };
        if kind == StoreKind::File {
            let file = TokenFile {
                server: creds.server.clone(),
                token: creds.token.clone(),
            };
            self.write_private(&self.token_path(), &to_json(&file))?;
        }
        let config = Config {
            server: Some(creds.server.clone()),
            store: Some(kind),
        };
        self.write_private(&self.config_path(), &to_json(&config))?;
        Ok(match kind {
            StoreKind::Keyring => format!("token stored in the OS keyring ({which})"),
            StoreKind::File => format!(
                "token stored in {} (readable only by you; {which})",
                self.token_path().display(),
            ),
        })
    }

    /// Forgets the token everywhere it may be; keeps the server for next time.
    pub fn clear(&self) -> Result<()> {
        let config = self.read_config()?;
        if let Some(server) = &config.server {
            // The keyring may be absent; then there is nothing in it to remove.
            let _ = keyring::delete(server);
        }
        match fs::remove_file(self.token_path()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(io_error(&self.token_path(), source)),
        }
        if config.store.is_some() {
            let kept = Config {
                server: config.server,
                store: None,
            };
            self.write_private(&self.config_path(), &to_json(&kept))?;
        }
        Ok(())
    }

    fn read_config(&self) -> Result<Config> {
        Ok(read_json(&self.config_path())?.unwrap_or_default())
    }

    fn read_token_file(&self) -> Result<Option<TokenFile>> {
        read_json(&self.token_path())
    }

    /// Writes through a temporary file created 0600, then renames it, so the
    /// secret is never readable by others, not even for a moment.
    fn write_private(&self, path: &Path, contents: &str) -> Result<()> {
        create_private_dir(&self.dir)?;
        let tmp = path.with_extension("tmp");
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(|e| io_error(&tmp, e))?;
        #[cfg(unix)]
        {
            // An older file may have been created with looser bits.
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(fs::Permissions::from_mode(0o600))
                .map_err(|e| io_error(&tmp, e))?;
        }
        f.write_all(contents.as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| io_error(&tmp, e))?;
        fs::rename(&tmp, path).map_err(|e| io_error(path, e))
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| io_error(dir, e))
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Option<T>> {
    match fs::read(path) {
        Ok(bytes) => {
            serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|source| CredentialError::Corrupt {
                    path: path.display().to_string(),
                    source,
                })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(io_error(path, source)),
    }
}

fn to_json<T: Serialize>(v: &T) -> String {
    // These types have string keys and plain fields: serialising cannot fail.
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn io_error(path: &Path, source: std::io::Error) -> CredentialError {
    CredentialError::Io {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            server: "http://127.0.0.1:1".into(),
            token: "secret-token".into(),
        }
    }

    #[test]
    fn the_file_store_round_trips_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::at(&dir.path().join("portico"));
        assert_eq!(vault.load().unwrap(), None);
        let notice = vault.save(&creds(), Some(StoreKind::File)).unwrap();
        assert!(notice.contains("credentials.json"), "{notice}");
        assert_eq!(vault.load().unwrap(), Some(creds()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&vault.token_path()), 0o600);
            assert_eq!(mode(&vault.dir), 0o700);
        }
        vault.clear().unwrap();
        assert_eq!(vault.load().unwrap(), None);
        assert!(!vault.token_path().exists());
        // The server is remembered for the next sign-in.
        assert_eq!(
            vault.server().unwrap().as_deref(),
            Some("http://127.0.0.1:1")
        );
    }

    #[test]
    fn without_a_choice_the_keyring_is_used_only_when_it_proves_itself() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::at(dir.path());
        // A server name of its own, so parallel runs do not share an entry.
        let creds = Credentials {
            server: format!("http://keyring-probe-{}", std::process::id()),
            token: "probe-token".into(),
        };
        let notice = vault.save(&creds, None).unwrap();
        let file = vault.token_path();
        if notice.starts_with("token stored in the OS keyring") {
            assert!(!file.exists(), "the token is in one place only");
        } else {
            assert!(file.exists(), "{notice}");
        }
        assert_eq!(vault.load().unwrap(), Some(creds.clone()));
        vault.clear().unwrap();
        assert_eq!(vault.load().unwrap(), None);
        assert_eq!(keyring::get(&creds.server).ok().flatten(), None);
        eprintln!("store used here: {notice}");
    }

    #[test]
    fn the_environment_overrides_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = Vault::at(dir.path());
        vault.save(&creds(), Some(StoreKind::File)).unwrap();
        vault.env_token = Some("from-env".into());
        vault.env_server = Some("http://other".into());
        let got = vault.load().unwrap().unwrap();
        assert_eq!(got.token, "from-env");
        assert_eq!(got.server, "http://other");
    }

    #[test]
    fn a_token_for_another_server_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = Vault::at(dir.path());
        vault.save(&creds(), Some(StoreKind::File)).unwrap();
        vault.env_server = Some("http://elsewhere".into());
        assert_eq!(vault.load().unwrap(), None);
    }
}
