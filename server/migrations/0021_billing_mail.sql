-- Billing mail: invoices and quotes sent, payments received and overdue
-- invoices are mailed to the organisation's contacts who see billing.
--
-- An overdue invoice is announced once: the job that finds it marks it
-- here in the transaction that queues its mail.
ALTER TABLE invoices ADD COLUMN overdue_noticed_at INTEGER;
-- What was overdue before this server mailed about it is not announced late.
UPDATE invoices SET overdue_noticed_at = CAST(strftime('%s', 'now') AS INTEGER)
WHERE status = 'sent' AND due_date < date('now');
CREATE INDEX invoices_overdue_unnoticed ON invoices (due_date)
WHERE status = 'sent' AND overdue_noticed_at IS NULL;

-- The outbox without its list of categories: the server's `MailCategory`
-- is the one list of them, so a new kind of mail needs no table rebuilt.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    category        TEXT    NOT NULL,
    recipient_id    INTEGER REFERENCES users (id),
    to_address      TEXT    NOT NULL,
    to_name         TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    thread_id       INTEGER REFERENCES threads (id),
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    failed_at       INTEGER,
    last_error      TEXT
);
INSERT INTO outbox_new SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
