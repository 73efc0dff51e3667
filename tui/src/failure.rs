//! A failed call as the model keeps it: printable text, whether the session
//! ended, and a refused form's errors field by field.

use portico_shared::FieldError;

use crate::client::ClientError;
use crate::sanitize;

/// A failed call, reduced to what the model shows: printable text and
/// whether the session has ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub message: String,
    pub unauthorized: bool,
    pub not_found: bool,
    /// What a refused form got wrong, field by field (already sanitised).
    pub fields: Vec<FieldError>,
}

impl Failure {
    pub fn new(message: &str) -> Failure {
        Failure {
            message: sanitize::line(message),
            unauthorized: false,
            not_found: false,
            fields: Vec::new(),
        }
    }

    /// A refusal naming one field, as the server's 422 answers do.
    pub fn field(field: &str, message: &str) -> Failure {
        let message = sanitize::line(message);
        Failure {
            fields: vec![FieldError {
                field: field.to_owned(),
                message: message.clone(),
            }],
            ..Failure::new(&message)
        }
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        Failure {
            message: sanitize::line(&e.to_string()),
            unauthorized: e.is_unauthorized(),
            not_found: e.is_not_found(),
            fields: e.fields().to_vec(),
        }
    }
}

pub type Outcome<T> = Result<T, Failure>;
