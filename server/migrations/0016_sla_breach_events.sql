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
