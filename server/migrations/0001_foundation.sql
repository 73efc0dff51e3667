-- Organisations, locations, people, invites, sessions, switches and the audit log.
-- Times are Unix seconds (UTC). JSON arrays are stored as TEXT.

CREATE TABLE organizations (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    tags            TEXT    NOT NULL DEFAULT '[]',
    portal_access   TEXT    NOT NULL DEFAULT 'all' CHECK (portal_access IN ('off', 'all', 'selected')),
    default_modules TEXT    NOT NULL,
    ticket_history  TEXT    NOT NULL DEFAULT 'all' CHECK (ticket_history IN ('all', 'since_date', 'since_access')),
    history_since   INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX organizations_name ON organizations (name COLLATE NOCASE);

CREATE TABLE locations (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name            TEXT    NOT NULL,
    timezone        TEXT    NOT NULL,
    address         TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);
CREATE INDEX locations_org ON locations (organization_id);

CREATE TABLE users (
    id                INTEGER PRIMARY KEY,
    email             TEXT    NOT NULL UNIQUE,
    name              TEXT    NOT NULL,
    role              TEXT    NOT NULL CHECK (role IN ('admin', 'agent', 'client', 'worker')),
    status            TEXT    NOT NULL CHECK (status IN ('invited', 'active', 'removed')),
    organization_id   INTEGER REFERENCES organizations (id),
    password_hash     TEXT,
    modules           TEXT,     -- JSON array overriding the organisation's defaults, or NULL
    location_ids      TEXT,     -- JSON array limiting the organisation's locations, or NULL
    portal_selected   INTEGER NOT NULL DEFAULT 0,
    ticket_scope      TEXT    NOT NULL DEFAULT 'organization' CHECK (ticket_scope IN ('organization', 'own')),
    access_granted_at INTEGER,
    created_at        INTEGER NOT NULL,
    -- Clients belong to exactly one organisation; staff and workers to none.
    CHECK ((role = 'client') = (organization_id IS NOT NULL))
);
CREATE INDEX users_org ON users (organization_id);

CREATE TABLE invites (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    code_hash  BLOB    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX invites_user ON invites (user_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    token_hash   BLOB    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    ip           TEXT    NOT NULL DEFAULT '',
    user_agent   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE module_switches (
    module  TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users (id),
    action   TEXT    NOT NULL,
    target   TEXT    NOT NULL DEFAULT '',
    ip       TEXT    NOT NULL DEFAULT '',
    detail   TEXT    NOT NULL DEFAULT ''
);
