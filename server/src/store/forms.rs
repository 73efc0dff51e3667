//! Order forms. Each edit adds an immutable version; orders point at the
//! version they were submitted with, so a later edit never alters them.

use portico_shared::{FormDefinition, FormSnapshot, Id, OrderForm};
use rusqlite::{OptionalExtension, Row, params};

use super::{Conn, OptionalRow, Result, StoreError, json_col, to_json, ts};

const SELECT: &str =
    "SELECT f.id, f.organization_id, f.current_version, v.definition, f.updated_at, v.id
    FROM order_forms f
    JOIN order_form_versions v ON v.form_id = f.id AND v.version = f.current_version";

/// A form at its latest version, and that version's row id.
fn from_row(r: &Row<'_>) -> rusqlite::Result<(OrderForm, Id)> {
    Ok((
        OrderForm {
            id: r.get(0)?,
            organization_id: r.get(1)?,
            version: r.get(2)?,
            definition: json_col(r, 3)?,
            updated_at: ts(r.get(4)?),
        },
        r.get(5)?,
    ))
}

/// Every form, the default first.
pub fn list(c: &Conn<'_>) -> Result<Vec<OrderForm>> {
    let rows =
        c.0.prepare_cached(&format!(
            "{SELECT} ORDER BY f.organization_id IS NOT NULL, f.id"
        ))?
        .query_map([], from_row)?
        .map(|r| r.map(|(f, _)| f))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(c: &Conn<'_>, id: Id) -> Result<OrderForm> {
    c.0.prepare_cached(&format!("{SELECT} WHERE f.id = ?1"))?
        .query_row([id], from_row)
        .found()
        .map(|(f, _)| f)
}

/// The form an organisation's orders use (its own, else the default) and
/// the row id of its current version.
pub fn effective(c: &Conn<'_>, org: Id) -> Result<(OrderForm, Id)> {
    let own =
        c.0.prepare_cached(&format!("{SELECT} WHERE f.organization_id = ?1"))?
            .query_row([org], from_row)
            .optional()?;
    match own {
        Some(found) => Ok(found),
        None => {
            c.0.prepare_cached(&format!("{SELECT} WHERE f.organization_id IS NULL"))?
                .query_row([], from_row)
                .found()
        }
    }
}

/// Creates an organisation's own form; one per organisation.
pub fn insert(c: &Conn<'_>, org: Id, def: &FormDefinition, now: i64) -> Result<Id> {
    let taken: bool =
        c.0.prepare_cached("SELECT EXISTS(SELECT 1 FROM order_forms WHERE organization_id = ?1)")?
            .query_row([org], |r| r.get(0))?;
    if taken {
        return Err(StoreError::Conflict(
            "this organisation already has a form; change it instead".into(),
        ));
    }
    c.0.prepare_cached(
        "INSERT INTO order_forms (organization_id, current_version, updated_at) VALUES (?1, 1, ?2)",
    )?
    .execute(params![org, now])?;
    let id = c.0.last_insert_rowid();
    add_version(c, id, 1, def, now)?;
    Ok(id)
}

/// Makes `def` the form's next version.
pub fn replace(c: &Conn<'_>, id: Id, def: &FormDefinition, now: i64) -> Result<()> {
    let version: i64 =
        c.0.prepare_cached("SELECT current_version + 1 FROM order_forms WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .found()?;
    add_version(c, id, version, def, now)?;
    c.0.prepare_cached(
        "UPDATE order_forms SET current_version = ?2, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, version, now])?;
    Ok(())
}

fn add_version(c: &Conn<'_>, form: Id, version: i64, def: &FormDefinition, now: i64) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO order_form_versions (form_id, version, definition, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![form, version, to_json(def), now])?;
    Ok(())
}

/// One frozen version, as an order shows the form it was submitted with.
pub fn snapshot(c: &Conn<'_>, version_id: Id) -> Result<FormSnapshot> {
    c.0.prepare_cached(
        "SELECT form_id, version, definition FROM order_form_versions WHERE id = ?1",
    )?
    .query_row([version_id], |r| {
        let def: FormDefinition = json_col(r, 2)?;
        Ok(FormSnapshot {
            form_id: r.get(0)?,
            version: r.get(1)?,
            name: def.name,
            fields: def.fields,
        })
    })
    .found()
}
