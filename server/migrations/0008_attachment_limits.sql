-- File contents move to a table of their own, as its last column: a new
-- file is written into its row a chunk at a time with incremental blob I/O,
-- and SQLite can only make room for that without filling the whole file
-- into memory when the blob ends the row.
CREATE TABLE attachment_data (
    attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    data          BLOB    NOT NULL
);
INSERT INTO attachment_data (attachment_id, data) SELECT id, data FROM attachments;
ALTER TABLE attachments DROP COLUMN data;

-- Per-person upload quotas sum a person's files; the cleanup job finds
-- uploads never attached to anything by age.
CREATE INDEX attachments_uploader ON attachments (uploader_id);
CREATE INDEX attachments_unattached ON attachments (created_at)
    WHERE ticket_id IS NULL AND message_id IS NULL AND order_id IS NULL;
