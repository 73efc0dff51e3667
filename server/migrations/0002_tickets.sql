-- Tickets, threads, messages, read markers, attachments and full-text search.

ALTER TABLE users ADD COLUMN team TEXT;  -- a staff member's team, for the Team view

CREATE TABLE threads (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('ticket', 'standalone')),
    created_at      INTEGER NOT NULL
);

CREATE TABLE tickets (
    id                    INTEGER PRIMARY KEY,
    organization_id       INTEGER NOT NULL REFERENCES organizations (id),
    requester_id          INTEGER NOT NULL REFERENCES users (id),
    thread_id             INTEGER NOT NULL UNIQUE REFERENCES threads (id),
    subject               TEXT    NOT NULL,
    body                  TEXT    NOT NULL,
    status                TEXT    NOT NULL CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
    priority              TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    source                TEXT    NOT NULL CHECK (source IN ('portal', 'email', 'staff', 'form')),
    assignee_id           INTEGER REFERENCES users (id),
    team                  TEXT,
    deadline              INTEGER,
    tags                  TEXT    NOT NULL DEFAULT '[]',
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    resolved_at           INTEGER,
    -- Counters kept by the store so lists need no COUNT per row.
    public_message_count  INTEGER NOT NULL DEFAULT 0,
    message_count         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tickets_org ON tickets (organization_id, id);
CREATE INDEX tickets_assignee ON tickets (assignee_id, id);
CREATE INDEX tickets_status ON tickets (status, id);
CREATE INDEX tickets_requester ON tickets (requester_id, id);
CREATE INDEX tickets_resolved ON tickets (status, resolved_at);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    thread_id  INTEGER NOT NULL REFERENCES threads (id),
    author_id  INTEGER NOT NULL REFERENCES users (id),
    body       TEXT    NOT NULL,
    internal   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX messages_thread ON messages (thread_id, id);

CREATE TABLE thread_reads (
    user_id      INTEGER NOT NULL REFERENCES users (id),
    thread_id    INTEGER NOT NULL REFERENCES threads (id),
    last_read_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
) WITHOUT ROWID;

CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY,
    uploader_id     INTEGER NOT NULL REFERENCES users (id),
    ticket_id       INTEGER REFERENCES tickets (id),
    message_id      INTEGER REFERENCES messages (id),
    file_name       TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size            INTEGER NOT NULL,
    data            BLOB    NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id);
CREATE INDEX attachments_message ON attachments (message_id);

-- Contentless: only rowids come back, the text lives in tickets and messages.
CREATE VIRTUAL TABLE ticket_fts USING fts5 (subject, body, content = '');
CREATE VIRTUAL TABLE message_fts USING fts5 (body, content = '');
