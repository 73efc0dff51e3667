-- Projects with a client timeline of phases and its history, tasks for
-- client contacts, and standalone threads. Dates are calendar days
-- (`YYYY-MM-DD`); times are Unix seconds (UTC).
--
-- Projects' and tasks' threads are stored with kind 'standalone' (0002's
-- CHECK cannot grow, see 0003); their owner columns (0009) say whose they
-- are, set by the triggers below as for tickets and orders.

CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    -- NULL: the whole organisation's, seen by contacts of every location.
    location_id     INTEGER REFERENCES locations (id),
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL CHECK (status IN ('planned', 'active', 'on_hold', 'done', 'cancelled')),
    start_date      TEXT,
    due_date        TEXT,
    owner_id        INTEGER REFERENCES users (id),
    thread_id       INTEGER NOT NULL UNIQUE REFERENCES threads (id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX projects_org ON projects (organization_id, id);

CREATE TABLE project_phases (
    id                INTEGER PRIMARY KEY,
    project_id        INTEGER NOT NULL REFERENCES projects (id),
    name              TEXT    NOT NULL,
    start_date        TEXT    NOT NULL,
    end_date          TEXT    NOT NULL CHECK (end_date >= start_date),
    status            TEXT    NOT NULL CHECK (status IN ('planned', 'active', 'done')),
    visible_to_client INTEGER NOT NULL DEFAULT 1,
    position          INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX project_phases_project ON project_phases (project_id, start_date);

-- Every change to a phase, kept with its date: the client's "moved to
-- Build on 15 Dec". The phase's name and visibility are copied, so the
-- history stands after a phase is renamed, hidden or deleted.
CREATE TABLE phase_history (
    id                INTEGER PRIMARY KEY,
    project_id        INTEGER NOT NULL REFERENCES projects (id),
    phase_id          INTEGER NOT NULL,
    phase_name        TEXT    NOT NULL,
    action            TEXT    NOT NULL CHECK (action IN ('added', 'changed', 'started', 'done', 'removed')),
    status            TEXT    NOT NULL CHECK (status IN ('planned', 'active', 'done')),
    visible_to_client INTEGER NOT NULL,
    actor_id          INTEGER REFERENCES users (id),
    at                INTEGER NOT NULL
);
CREATE INDEX phase_history_project ON phase_history (project_id, id);

CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    project_id      INTEGER REFERENCES projects (id),
    title           TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    assignee_id     INTEGER REFERENCES users (id),
    due_date        TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('open', 'done')),
    thread_id       INTEGER NOT NULL UNIQUE REFERENCES threads (id),
    created_by      INTEGER NOT NULL REFERENCES users (id),
    done_at         INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX tasks_org ON tasks (organization_id, id);
CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_date);
CREATE INDEX tasks_project ON tasks (project_id, id);

-- A standalone thread: a conversation of its own with an organisation.
-- With no participants listed every contact of the organisation takes
-- part; otherwise only those listed (and staff).
CREATE TABLE conversations (
    thread_id  INTEGER PRIMARY KEY REFERENCES threads (id),
    subject    TEXT    NOT NULL,
    started_by INTEGER NOT NULL REFERENCES users (id)
);
CREATE TABLE thread_participants (
    thread_id INTEGER NOT NULL REFERENCES threads (id),
    user_id   INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (thread_id, user_id)
) WITHOUT ROWID;
CREATE INDEX threads_owner ON threads (owner_kind, organization_id, id);

CREATE TRIGGER projects_own_thread AFTER INSERT ON projects BEGIN
    UPDATE threads SET owner_kind = 'project', owner_id = new.id WHERE id = new.thread_id;
END;
CREATE TRIGGER tasks_own_thread AFTER INSERT ON tasks BEGIN
    UPDATE threads SET owner_kind = 'task', owner_id = new.id WHERE id = new.thread_id;
END;
CREATE TRIGGER conversations_own_thread AFTER INSERT ON conversations BEGIN
    UPDATE threads SET owner_kind = 'standalone', owner_id = new.thread_id WHERE id = new.thread_id;
END;
