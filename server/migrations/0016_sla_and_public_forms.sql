-- SLA breach events: when the background job announced that a ticket
-- passed its first-response or resolution due time, so each breach is
-- announced once. Setting the due times again clears them. Breaches that
-- happened before this migration count as announced (no flood on start).

ALTER TABLE tickets ADD COLUMN first_response_breach_sent_at INTEGER;
ALTER TABLE tickets ADD COLUMN resolution_breach_sent_at INTEGER;
UPDATE tickets SET first_response_breach_sent_at = first_response_due_at
WHERE first_response_due_at IS NOT NULL AND first_response_due_at <= unixepoch();
UPDATE tickets SET resolution_breach_sent_at = resolution_due_at
WHERE resolution_due_at IS NOT NULL AND resolution_due_at <= unixepoch();
-- The job looks only at tickets still running a target.
CREATE INDEX tickets_sla_watch ON tickets (id)
WHERE status IN ('new', 'open', 'pending') AND resolved_at IS NULL;

-- Support forms anyone may use without signing in (`public`). A public
-- submission whose e-mail is no known contact's is held here for staff
-- rather than opening a ticket.
ALTER TABLE support_forms ADD COLUMN public INTEGER NOT NULL DEFAULT 0;
CREATE TABLE support_form_holds (
    id         INTEGER PRIMARY KEY,
    form_id    INTEGER NOT NULL REFERENCES support_forms (id),
    email      TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
