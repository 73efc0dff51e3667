-- The knowledge base: markdown articles with a visibility (public, every
-- client, clients of organisations with given tags, staff) and every
-- revision kept. Triggers keep the revisions and the search index, so no
-- writer can forget either. A deleted article keeps its row and revisions
-- (deleted_at set) and leaves the index.

CREATE TABLE kb_articles (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    category    TEXT    NOT NULL DEFAULT '',
    visibility  TEXT    NOT NULL CHECK (visibility IN ('public', 'clients', 'tags', 'staff')),
    tags        TEXT    NOT NULL DEFAULT '[]',
    revision    INTEGER NOT NULL DEFAULT 1,
    updated_by  INTEGER REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);

CREATE TABLE kb_article_revisions (
    article_id  INTEGER NOT NULL REFERENCES kb_articles (id),
    revision    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    visibility  TEXT    NOT NULL,
    tags        TEXT    NOT NULL,
    editor_id   INTEGER REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (article_id, revision)
) WITHOUT ROWID;

CREATE TRIGGER kb_revision_first AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_article_revisions
        (article_id, revision, title, body, category, visibility, tags, editor_id, created_at)
    VALUES (new.id, new.revision, new.title, new.body, new.category, new.visibility,
            new.tags, new.updated_by, new.updated_at);
END;
CREATE TRIGGER kb_revision_next AFTER UPDATE OF revision ON kb_articles BEGIN
    INSERT INTO kb_article_revisions
        (article_id, revision, title, body, category, visibility, tags, editor_id, created_at)
    VALUES (new.id, new.revision, new.title, new.body, new.category, new.visibility,
            new.tags, new.updated_by, new.updated_at);
END;

-- Title and body, searched with the same quoted-phrase queries as tickets
-- (store::search::fts_terms); the rowid is the article's id.
CREATE VIRTUAL TABLE kb_search USING fts5 (title, body, content = '', contentless_delete = 1);
CREATE TRIGGER kb_search_insert AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER kb_search_update AFTER UPDATE OF title, body ON kb_articles
WHEN new.deleted_at IS NULL BEGIN
    DELETE FROM kb_search WHERE rowid = old.id;
    INSERT INTO kb_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER kb_search_delete AFTER UPDATE OF deleted_at ON kb_articles
WHEN new.deleted_at IS NOT NULL BEGIN
    DELETE FROM kb_search WHERE rowid = old.id;
END;

-- Support forms: order-form fields (JSON), the priority, tag, assignee and
-- team of the tickets they open, and a visibility like an article's (the
-- same SQL rule reads both; deleted_at is kept for it).
CREATE TABLE support_forms (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    fields      TEXT    NOT NULL DEFAULT '[]',
    priority    TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    tag         TEXT,
    assignee_id INTEGER REFERENCES users (id),
    team        TEXT,
    visibility  TEXT    NOT NULL CHECK (visibility IN ('public', 'clients', 'tags', 'staff')),
    tags        TEXT    NOT NULL DEFAULT '[]',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);

-- Service levels. The settings (targets per priority and the business
-- hours they are counted in) are one JSON row. Each ticket keeps its due
-- times, set by the store when it is opened or its priority changes, and
-- its first staff reply, set by the trigger below on every path that adds
-- a message. The inbox orders by the next running target: the first
-- response while unanswered, then the resolution.
CREATE TABLE sla_settings (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT    NOT NULL
);
ALTER TABLE tickets ADD COLUMN first_response_due_at INTEGER;
ALTER TABLE tickets ADD COLUMN resolution_due_at INTEGER;
ALTER TABLE tickets ADD COLUMN first_response_at INTEGER;
UPDATE tickets SET first_response_at = (
    SELECT min(m.created_at) FROM messages m JOIN users u ON u.id = m.author_id
    WHERE m.thread_id = tickets.thread_id AND m.internal = 0 AND u.role IN ('admin', 'agent'));
CREATE TRIGGER tickets_first_response AFTER INSERT ON messages
WHEN new.internal = 0
 AND (SELECT role FROM users WHERE id = new.author_id) IN ('admin', 'agent') BEGIN
    UPDATE tickets SET first_response_at = new.created_at
    WHERE thread_id = new.thread_id AND first_response_at IS NULL;
END;
CREATE INDEX tickets_sla ON tickets (COALESCE(CASE WHEN first_response_at IS NULL
    THEN first_response_due_at ELSE resolution_due_at END, 9223372036854775807), id);
CREATE INDEX tickets_org_sla ON tickets (organization_id, COALESCE(CASE WHEN first_response_at IS NULL
    THEN first_response_due_at ELSE resolution_due_at END, 9223372036854775807), id);
CREATE INDEX tickets_requester_sla ON tickets (requester_id, COALESCE(CASE WHEN first_response_at IS NULL
    THEN first_response_due_at ELSE resolution_due_at END, 9223372036854775807), id);
CREATE INDEX tickets_assignee_sla ON tickets (assignee_id, COALESCE(CASE WHEN first_response_at IS NULL
    THEN first_response_due_at ELSE resolution_due_at END, 9223372036854775807), id);
