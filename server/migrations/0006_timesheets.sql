-- Shifts, clock events and timesheet entries. Times are Unix seconds (UTC);
-- `work_date` is the calendar day at the location, in its time zone, so
-- days and weeks follow the location whatever its UTC offset that day.

CREATE TABLE shifts (
    id            INTEGER PRIMARY KEY,
    worker_id     INTEGER NOT NULL REFERENCES users (id),
    location_id   INTEGER NOT NULL REFERENCES locations (id),
    order_item_id INTEGER REFERENCES order_items (id),
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL CHECK (ends_at > starts_at),
    created_at    INTEGER NOT NULL
);
CREATE INDEX shifts_start ON shifts (starts_at);
CREATE INDEX shifts_worker ON shifts (worker_id, starts_at);

CREATE TABLE clock_events (
    id       INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL REFERENCES shifts (id),
    action   TEXT    NOT NULL CHECK (action IN ('in', 'break', 'resume', 'out')),
    at       INTEGER NOT NULL
);
CREATE INDEX clock_events_shift ON clock_events (shift_id, id);

CREATE TABLE timesheet_entries (
    id            INTEGER PRIMARY KEY,
    worker_id     INTEGER NOT NULL REFERENCES users (id),
    location_id   INTEGER NOT NULL REFERENCES locations (id),
    order_id      INTEGER REFERENCES orders (id),
    shift_id      INTEGER REFERENCES shifts (id),
    work_date     TEXT    NOT NULL,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL CHECK (ends_at > starts_at),
    break_minutes INTEGER NOT NULL DEFAULT 0 CHECK (break_minutes >= 0),
    note          TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    reason        TEXT,
    decided_by    INTEGER REFERENCES users (id),
    decided_at    INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX timesheet_worker ON timesheet_entries (worker_id, starts_at);
CREATE INDEX timesheet_day ON timesheet_entries (work_date, location_id);
