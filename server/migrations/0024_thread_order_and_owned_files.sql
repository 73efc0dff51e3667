-- Standalone threads are listed latest message first. Computing each
-- thread's latest message when read meant sorting every thread in scope; the
-- thread now carries its latest times, kept by triggers (on every path that
-- writes a message, like 0009's owners), and three indexes serve the lists:
-- staff over everything or one organisation by `last_at` (any message), a
-- client within their organisation by `last_public_at` (internal notes do
-- not move a thread up for clients).
ALTER TABLE conversations ADD COLUMN organization_id INTEGER REFERENCES organizations (id);
ALTER TABLE conversations ADD COLUMN last_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN last_public_at INTEGER NOT NULL DEFAULT 0;

UPDATE conversations SET
    organization_id = (SELECT th.organization_id FROM threads th WHERE th.id = conversations.thread_id),
    last_at = COALESCE((SELECT MAX(m.created_at) FROM messages m WHERE m.thread_id = conversations.thread_id),
                       (SELECT th.created_at FROM threads th WHERE th.id = conversations.thread_id)),
    last_public_at = COALESCE((SELECT MAX(m.created_at) FROM messages m
                               WHERE m.thread_id = conversations.thread_id AND m.internal = 0),
                              (SELECT th.created_at FROM threads th WHERE th.id = conversations.thread_id));

CREATE TRIGGER conversations_started AFTER INSERT ON conversations BEGIN
    UPDATE conversations SET
        organization_id = (SELECT th.organization_id FROM threads th WHERE th.id = new.thread_id),
        last_at = (SELECT th.created_at FROM threads th WHERE th.id = new.thread_id),
        last_public_at = (SELECT th.created_at FROM threads th WHERE th.id = new.thread_id)
    WHERE thread_id = new.thread_id;
END;

CREATE TRIGGER conversations_latest_message AFTER INSERT ON messages BEGIN
    UPDATE conversations SET
        last_at = MAX(last_at, new.created_at),
        last_public_at = CASE WHEN new.internal THEN last_public_at
                              ELSE MAX(last_public_at, new.created_at) END
    WHERE thread_id = new.thread_id;
END;

CREATE INDEX conversations_latest ON conversations (last_at DESC, thread_id DESC);
CREATE INDEX conversations_org_latest ON conversations (organization_id, last_at DESC, thread_id DESC);
CREATE INDEX conversations_org_latest_public
    ON conversations (organization_id, last_public_at DESC, thread_id DESC);

-- Files can belong directly to an owner without a column of their own (a
-- task's files): the owner columns say so, and an upload is unattached
-- only while it has no owner either. One index finds an owner's own files
-- (not those of its thread's messages); 0008's index of unattached uploads,
-- which the cleanup job deletes by age, learns the owner.
CREATE INDEX attachments_owned ON attachments (owner_kind, owner_id) WHERE message_id IS NULL;
DROP INDEX attachments_unattached;
CREATE INDEX attachments_unattached ON attachments (created_at)
    WHERE owner_kind IS NULL AND ticket_id IS NULL AND message_id IS NULL AND order_id IS NULL;
