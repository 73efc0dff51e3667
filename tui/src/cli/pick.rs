//! Picking the one thing a name given on the command line means.

use portico_shared::{Id, Location};

use crate::cli::{CliError, Result};
use crate::sanitize;

/// The only element of `found`; `none` when there is none, and a usage
/// error saying `several` when the name fits more than one.
pub fn the_one<T>(mut found: Vec<T>, none: CliError, several: String) -> Result<T> {
    if found.len() > 1 {
        return Err(CliError::Usage(several));
    }
    found.pop().ok_or(none)
}

/// A location by id or by name (any case) among `locations`. An id that is
/// not among them is passed on for the server to judge.
pub fn location(locations: &[Location], given: &str) -> Result<Id> {
    let given = given.trim();
    if let Ok(id) = given.parse::<Id>() {
        return Ok(id);
    }
    let found: Vec<&Location> = locations
        .iter()
        .filter(|l| l.name.eq_ignore_ascii_case(given))
        .collect();
    let found = the_one(
        found,
        CliError::Usage(format!(
            "no location {:?}; yours are: {}",
            sanitize::line(given),
            names(locations)
        )),
        format!(
            "several locations are called {:?}; use the id",
            sanitize::line(given)
        ),
    )?;
    Ok(found.id)
}

/// The locations as "name (id)", for a message listing the choices.
pub fn names(locations: &[Location]) -> String {
    locations
        .iter()
        .map(|l| format!("{} ({})", sanitize::line(&l.name), l.id))
        .collect::<Vec<_>>()
        .join(", ")
}
