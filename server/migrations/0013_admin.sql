-- Administration: the text an organisation's clients see on their dashboard,
-- written by staff (empty: none).
ALTER TABLE organizations ADD COLUMN welcome TEXT NOT NULL DEFAULT '';

-- The audit viewer filters by time and by person; newest first either way.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
