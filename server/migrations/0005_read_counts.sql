-- A read marker remembers how many messages (all, and those clients see) the
-- thread had when it was read, so unread counts are one subtraction instead
-- of a scan of every thread on a page.
ALTER TABLE thread_reads ADD COLUMN seen_all INTEGER NOT NULL DEFAULT 0;
ALTER TABLE thread_reads ADD COLUMN seen_public INTEGER NOT NULL DEFAULT 0;
UPDATE thread_reads SET
    seen_all = (SELECT COUNT(*) FROM messages m
                WHERE m.thread_id = thread_reads.thread_id AND m.id <= thread_reads.last_read_id),
    seen_public = (SELECT COUNT(*) FROM messages m
                   WHERE m.thread_id = thread_reads.thread_id AND m.id <= thread_reads.last_read_id
                     AND m.internal = 0);
