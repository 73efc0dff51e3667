//! Client organisations and their locations.

use portico_shared::{Id, Location, Module, Organization, PortalAccess, TicketHistory};
use rusqlite::{Row, params};

use super::{Conn, OptionalRow, Result, StoreError, enum_col, json_col, page_of, to_json, ts};

const COLS: &str = "id, name, tags, portal_access, default_modules, ticket_history, history_since, created_at, welcome, require_two_factor";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Organization> {
    Ok(Organization {
        id: r.get(0)?,
        name: r.get(1)?,
        tags: json_col(r, 2)?,
        portal_access: enum_col(r, 3)?,
        default_modules: json_col(r, 4)?,
        ticket_history: enum_col(r, 5)?,
        history_since: r.get::<_, Option<i64>>(6)?.map(ts),
        created_at: ts(r.get(7)?),
        welcome: r.get(8)?,
        require_two_factor: r.get(9)?,
    })
}

pub fn get(c: &Conn<'_>, id: Id) -> Result<Organization> {
    c.0.prepare_cached(&format!("SELECT {COLS} FROM organizations WHERE id = ?1"))?
        .query_row([id], from_row)
        .found()
}

/// Organisations by id; `q` matches a part of the name, `tag` one tag.
pub fn list(
    c: &Conn<'_>,
    q: Option<&str>,
    tag: Option<&str>,
    after: Id,
    limit: u32,
) -> Result<portico_shared::Page<Organization>> {
    let sql = format!(
        "SELECT {COLS} FROM organizations
         WHERE id > ?1
           AND (?2 IS NULL OR instr(lower(name), lower(?2)) > 0)
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?3))
         ORDER BY id LIMIT ?4"
    );
    let rows =
        c.0.prepare_cached(&sql)?
            .query_map(params![after, q, tag, limit + 1], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(page_of(rows, limit, |o| o.id.to_string()))
}

fn name_taken(c: &Conn<'_>, name: &str, except: Id) -> Result<bool> {
    Ok(c.0.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM organizations WHERE name = ?1 COLLATE NOCASE AND id != ?2)",
    )?
    .query_row(params![name, except], |r| r.get(0))?)
}

pub struct NewOrg<'a> {
    pub name: &'a str,
    pub tags: &'a [String],
    pub portal_access: PortalAccess,
    pub default_modules: &'a [Module],
    pub now: i64,
}

pub fn insert(c: &Conn<'_>, o: &NewOrg<'_>) -> Result<Id> {
    if name_taken(c, o.name, 0)? {
        return Err(StoreError::Conflict(
            "an organisation with this name already exists".into(),
        ));
    }
    c.0.prepare_cached(
        "INSERT INTO organizations (name, tags, portal_access, default_modules, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        o.name,
        to_json(&o.tags),
        o.portal_access.as_str(),
        to_json(&o.default_modules),
        o.now
    ])?;
    Ok(c.0.last_insert_rowid())
}

#[derive(Default)]
pub struct Changes<'a> {
    pub name: Option<&'a str>,
    pub tags: Option<&'a [String]>,
    pub portal_access: Option<PortalAccess>,
    pub default_modules: Option<&'a [Module]>,
    pub ticket_history: Option<TicketHistory>,
    pub history_since: Option<i64>,
    pub welcome: Option<&'a str>,
    pub require_two_factor: Option<bool>,
}

pub fn update(c: &Conn<'_>, id: Id, ch: &Changes<'_>) -> Result<()> {
    if let Some(name) = ch.name
        && name_taken(c, name, id)?
    {
        return Err(StoreError::Conflict(
            "an organisation with this name already exists".into(),
        ));
    }
    let n =
        c.0.prepare_cached(
            "UPDATE organizations SET
                name = COALESCE(?2, name),
                tags = COALESCE(?3, tags),
                portal_access = COALESCE(?4, portal_access),
                default_modules = COALESCE(?5, default_modules),
                ticket_history = COALESCE(?6, ticket_history),
                history_since = COALESCE(?7, history_since),
                welcome = COALESCE(?8, welcome),
                require_two_factor = COALESCE(?9, require_two_factor)
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            ch.name,
            ch.tags.map(to_json),
            ch.portal_access.map(PortalAccess::as_str),
            ch.default_modules.map(to_json),
            ch.ticket_history.map(TicketHistory::as_str),
            ch.history_since,
            ch.welcome,
            ch.require_two_factor,
        ])?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

fn location_from_row(r: &Row<'_>) -> rusqlite::Result<Location> {
    Ok(Location {
        id: r.get(0)?,
        organization_id: r.get(1)?,
        name: r.get(2)?,
        timezone: r.get(3)?,
        address: r.get(4)?,
    })
}

/// The organisation's locations, optionally only those in `only`.
pub fn locations(c: &Conn<'_>, org: Id, only: Option<&[Id]>) -> Result<Vec<Location>> {
    let rows =
        c.0.prepare_cached(
            "SELECT id, organization_id, name, timezone, address FROM locations
             WHERE organization_id = ?1
               AND (?2 IS NULL OR id IN (SELECT value FROM json_each(?2)))
             ORDER BY name, id",
        )?
        .query_map(params![org, only.map(to_json)], location_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn all_locations(c: &Conn<'_>) -> Result<Vec<Location>> {
    let rows =
        c.0.prepare_cached(
            "SELECT id, organization_id, name, timezone, address FROM locations ORDER BY name, id",
        )?
        .query_map([], location_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn insert_location(
    c: &Conn<'_>,
    org: Id,
    name: &str,
    tz: &str,
    address: &str,
    now: i64,
) -> Result<Location> {
    get(c, org)?;
    c.0.prepare_cached(
        "INSERT INTO locations (organization_id, name, timezone, address, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![org, name, tz, address, now])?;
    Ok(Location {
        id: c.0.last_insert_rowid(),
        organization_id: org,
        name: name.to_owned(),
        timezone: tz.to_owned(),
        address: address.to_owned(),
    })
}

/// What `PATCH …/locations/{id}` changes; `None` keeps.
#[derive(Default)]
pub struct LocationChanges<'a> {
    pub name: Option<&'a str>,
    pub timezone: Option<&'a str>,
    pub address: Option<&'a str>,
}

/// Changes a location of `org`; another organisation's location is not found.
pub fn update_location(
    c: &Conn<'_>,
    org: Id,
    id: Id,
    ch: &LocationChanges<'_>,
) -> Result<Location> {
    let n =
        c.0.prepare_cached(
            "UPDATE locations SET
                name = COALESCE(?3, name),
                timezone = COALESCE(?4, timezone),
                address = COALESCE(?5, address)
             WHERE id = ?2 AND organization_id = ?1",
        )?
        .execute(params![org, id, ch.name, ch.timezone, ch.address])?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    locations(c, org, Some(&[id]))?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Which of `ids` are not locations of `org`.
pub fn foreign_locations(c: &Conn<'_>, org: Id, ids: &[Id]) -> Result<Vec<Id>> {
    let own: Vec<Id> = locations(c, org, None)?.into_iter().map(|l| l.id).collect();
    Ok(ids.iter().copied().filter(|id| !own.contains(id)).collect())
}
