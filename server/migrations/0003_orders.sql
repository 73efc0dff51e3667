-- Orders, their items and deliverables, order forms (versioned) and per-year
-- reference numbers.
--
-- An order's thread is a row in `threads`. 0002's CHECK on threads.kind is
-- shipped and cannot list 'order', and rebuilding `threads` needs foreign
-- keys off, which a migration's transaction cannot switch. So order threads
-- are stored with kind 'standalone' and `orders.thread_id` (UNIQUE) says
-- whose they are: a listing of standalone threads must exclude those.

-- A form, and its immutable versions: an edit adds a version, and an order
-- points at the version it was submitted with, so past orders never change.
CREATE TABLE order_forms (
    id              INTEGER PRIMARY KEY,
    -- NULL: the default form for organisations without their own.
    organization_id INTEGER UNIQUE REFERENCES organizations (id),
    current_version INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE order_form_versions (
    id         INTEGER PRIMARY KEY,
    form_id    INTEGER NOT NULL REFERENCES order_forms (id),
    version    INTEGER NOT NULL,
    definition TEXT    NOT NULL,  -- JSON FormDefinition
    created_at INTEGER NOT NULL,
    UNIQUE (form_id, version)
);

-- The default form: one free-text field.
INSERT INTO order_forms (id, organization_id, current_version, updated_at)
    VALUES (1, NULL, 1, unixepoch());
INSERT INTO order_form_versions (form_id, version, definition, created_at)
    VALUES (1, 1, '{"name":"New order","fields":[{"key":"details","label":"What do you need?","kind":"multiline","required":true}],"defaults":{"priority":null,"team":null,"due_in_days":null}}', unixepoch());

CREATE TABLE order_sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    reference        TEXT    NOT NULL UNIQUE,
    title            TEXT    NOT NULL,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id),
    location_id      INTEGER NOT NULL REFERENCES locations (id),
    status           TEXT    NOT NULL CHECK (status IN ('submitted', 'accepted', 'in_progress', 'delivered', 'closed', 'cancelled')),
    priority         TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    team             TEXT,
    due_date         TEXT,     -- YYYY-MM-DD
    submitted_by     INTEGER NOT NULL REFERENCES users (id),
    form_version_id  INTEGER NOT NULL REFERENCES order_form_versions (id),
    form_values      TEXT    NOT NULL,  -- JSON object of the submitted values
    thread_id        INTEGER NOT NULL UNIQUE REFERENCES threads (id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX orders_org ON orders (organization_id, location_id, id);
CREATE INDEX orders_status ON orders (status, id);

CREATE TABLE order_items (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    description TEXT    NOT NULL,
    worker_id   INTEGER REFERENCES users (id),
    starts_at   INTEGER,
    ends_at     INTEGER,
    state       TEXT    NOT NULL CHECK (state IN ('open', 'filled', 'done')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX order_items_order ON order_items (order_id, id);
CREATE INDEX order_items_worker ON order_items (worker_id);

-- Files on an order: what the submitter sent in a file field, or a
-- deliverable staff attached. Either is visible to whoever sees the order.
ALTER TABLE attachments ADD COLUMN order_id INTEGER REFERENCES orders (id);
ALTER TABLE attachments ADD COLUMN deliverable INTEGER NOT NULL DEFAULT 0;
CREATE INDEX attachments_order ON attachments (order_id);
