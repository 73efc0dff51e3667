//! What a command can fail with, and the exit code each failure gives.

use crate::client::ClientError;
use crate::credentials::CredentialError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("not signed in: run `portico login --server URL --email ADDRESS`")]
    NotSignedIn,
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    NotFound(String),
    /// Input refused, by the app's checks or the server's, field by field.
    #[error("{what}: {} field(s) need attention", fields.len())]
    Invalid {
        what: String,
        /// (field, what is wrong), already sanitised.
        fields: Vec<(String, String)>,
    },
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl CliError {
    /// 0 ok, 1 anything else, 2 usage, 3 not signed in, 4 not found,
    /// 5 input refused (each failing field is printed).
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::NotSignedIn => 3,
            CliError::Usage(_) => 2,
            CliError::NotFound(_) => 4,
            CliError::Invalid { .. } => 5,
            CliError::Client(e) if e.status() == Some(422) => 5,
            CliError::Client(e) if e.is_unauthorized() => 3,
            CliError::Client(e) if e.is_not_found() => 4,
            _ => 1,
        }
    }
}

impl CliError {
    /// The failing fields of a refusal, one per line, already sanitised.
    pub fn fields(&self) -> Vec<(String, String)> {
        match self {
            CliError::Invalid { fields, .. } => fields.clone(),
            CliError::Client(e) => e
                .fields()
                .iter()
                .map(|f| (f.field.clone(), f.message.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;
