-- Live events of changes another process made to the database
-- (`portico-server mail-in` runs beside the server): that process records
-- each change here after its commit, and the running server publishes
-- them to its event streams and deletes them. Rows nobody published for a
-- while are dropped: a client that was away refetches anyway.
CREATE TABLE relayed_events (
    id         INTEGER PRIMARY KEY,
    actor_id   INTEGER NOT NULL,
    change     TEXT    NOT NULL,  -- the change (`publish::Change`) as JSON
    created_at INTEGER NOT NULL
);
