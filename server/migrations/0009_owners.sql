-- One owner model: a thread and a file each say what they belong to (a
-- ticket, an order; later a project, a task, an invoice, or nothing but
-- itself: a standalone thread), so a module that owns threads or files adds
-- a kind, not columns and branches. A read marker belongs to a thread, and
-- through it to the thread's owner; live events name their owner in Rust.
--
-- 0002's CHECK on threads.kind cannot grow (see 0003), so the owner lives in
-- columns of its own. Triggers set it on every path that creates a ticket or
-- an order or attaches a file (the store, the seeds, the bulk loader), so no
-- writer has to remember it.

ALTER TABLE threads ADD COLUMN owner_kind TEXT
    CHECK (owner_kind IN ('ticket', 'order', 'project', 'task', 'invoice', 'standalone'));
ALTER TABLE threads ADD COLUMN owner_id INTEGER;

UPDATE threads SET owner_kind = 'ticket',
    owner_id = (SELECT t.id FROM tickets t WHERE t.thread_id = threads.id)
WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.thread_id = threads.id);
UPDATE threads SET owner_kind = 'order',
    owner_id = (SELECT o.id FROM orders o WHERE o.thread_id = threads.id)
WHERE EXISTS (SELECT 1 FROM orders o WHERE o.thread_id = threads.id);

CREATE TRIGGER tickets_own_thread AFTER INSERT ON tickets BEGIN
    UPDATE threads SET owner_kind = 'ticket', owner_id = new.id WHERE id = new.thread_id;
END;
CREATE TRIGGER orders_own_thread AFTER INSERT ON orders BEGIN
    UPDATE threads SET owner_kind = 'order', owner_id = new.id WHERE id = new.thread_id;
END;

-- A file's owner: what it is attached to directly, or the owner of the
-- thread its message is in. Unattached uploads have none.
ALTER TABLE attachments ADD COLUMN owner_kind TEXT
    CHECK (owner_kind IN ('ticket', 'order', 'project', 'task', 'invoice', 'standalone'));
ALTER TABLE attachments ADD COLUMN owner_id INTEGER;

UPDATE attachments SET
    owner_kind = CASE
        WHEN ticket_id IS NOT NULL THEN 'ticket'
        WHEN order_id IS NOT NULL THEN 'order'
        ELSE (SELECT th.owner_kind FROM messages m JOIN threads th ON th.id = m.thread_id
              WHERE m.id = attachments.message_id)
    END,
    owner_id = COALESCE(ticket_id, order_id,
        (SELECT th.owner_id FROM messages m JOIN threads th ON th.id = m.thread_id
         WHERE m.id = attachments.message_id));

CREATE TRIGGER attachments_owner AFTER UPDATE OF ticket_id, order_id, message_id ON attachments
BEGIN
    UPDATE attachments SET
        owner_kind = CASE
            WHEN new.ticket_id IS NOT NULL THEN 'ticket'
            WHEN new.order_id IS NOT NULL THEN 'order'
            ELSE (SELECT th.owner_kind FROM messages m JOIN threads th ON th.id = m.thread_id
                  WHERE m.id = new.message_id)
        END,
        owner_id = COALESCE(new.ticket_id, new.order_id,
            (SELECT th.owner_id FROM messages m JOIN threads th ON th.id = m.thread_id
             WHERE m.id = new.message_id))
    WHERE id = new.id;
END;
