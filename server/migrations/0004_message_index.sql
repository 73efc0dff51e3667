-- Unread counts and thread pages read a thread's messages by id; covering
-- the author and the internal flag answers them from the index alone.
CREATE INDEX messages_thread_cover ON messages (thread_id, id, author_id, internal);
DROP INDEX messages_thread;
