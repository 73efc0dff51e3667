//! Picking the one thing a name given on the command line means.

use crate::cli::{CliError, Result};

/// The only element of `found`; `none` when there is none, and a usage
/// error saying `several` when the name fits more than one.
pub fn the_one<T>(mut found: Vec<T>, none: CliError, several: String) -> Result<T> {
    if found.len() > 1 {
        return Err(CliError::Usage(several));
    }
    found.pop().ok_or(none)
}
