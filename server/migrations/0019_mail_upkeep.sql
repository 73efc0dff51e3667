-- Mail upkeep.
--
-- The outbox is made again (nothing refers to it) without the CHECK on its
-- category, which could not grow with new kinds of mail: categories are
-- checked where they are read, as text enums. Same columns, same order,
-- so a later rebuild that copies it whole (`SELECT *`) still fits.
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

-- Sends under way: a row from just before a mail is handed to the SMTP
-- server until it is marked sent or failed. One left behind by a crash is
-- settled as sent-unknown, not retried (see mail/send.rs for the
-- tradeoff). A handful of rows at most; kept apart from the outbox so its
-- rebuilds need not know of it.
CREATE TABLE outbox_sending (
    outbox_id INTEGER PRIMARY KEY,
    since     INTEGER NOT NULL
);

-- One unguessable token per person and category: the one-click
-- unsubscribe link of every such mail (RFC 8058). At most people x
-- categories rows.
CREATE TABLE mail_unsubscribe (
    token    TEXT    PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users (id),
    category TEXT    NOT NULL,
    UNIQUE (user_id, category)
) WITHOUT ROWID;

-- Dropping held submissions and quarantined mail by age.
CREATE INDEX mail_quarantine_received ON mail_quarantine (received_at);
CREATE INDEX support_form_holds_created ON support_form_holds (created_at);
