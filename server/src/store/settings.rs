//! Portal-wide settings: the global module switches.

use portico_shared::Module;
use rusqlite::params;

use super::{Conn, Result, enum_col};

/// Modules switched off for every client.
pub fn disabled_modules(c: &Conn<'_>) -> Result<Vec<Module>> {
    let rows =
        c.0.prepare_cached("SELECT module FROM module_switches WHERE enabled = 0 ORDER BY module")?
            .query_map([], |r| enum_col(r, 0))?
            .collect::<rusqlite::Result<Vec<Module>>>()?;
    Ok(rows)
}

pub fn set_disabled_modules(c: &Conn<'_>, disabled: &[Module]) -> Result<()> {
    c.0.execute("DELETE FROM module_switches", [])?;
    let mut stmt =
        c.0.prepare_cached("INSERT INTO module_switches (module, enabled) VALUES (?1, 0)")?;
    for m in disabled {
        stmt.execute(params![m.as_str()])?;
    }
    Ok(())
}
