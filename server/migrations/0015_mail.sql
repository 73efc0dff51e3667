-- E-mail. The outbox holds every mail to send, written in the same
-- transaction as the change that caused it, so a crash or an SMTP outage
-- loses none; the sender claims a row (attempts, next_attempt_at) before
-- sending it and marks it sent after, so none goes out twice.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    category        TEXT    NOT NULL CHECK (category IN ('invite', 'reply', 'new_ticket', 'client_reply')),
    recipient_id    INTEGER REFERENCES users (id),
    to_address      TEXT    NOT NULL,
    to_name         TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    -- The thread a reply to this mail lands on (threading headers, reply address).
    thread_id       INTEGER REFERENCES threads (id),
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    failed_at       INTEGER,   -- given up on: permanent refusal or too many attempts
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- A person's choice per category; a category without a row has its default
-- (new-ticket mail is opt-in, the rest opt-out).
CREATE TABLE notification_prefs (
    user_id  INTEGER NOT NULL REFERENCES users (id),
    category TEXT    NOT NULL,
    enabled  INTEGER NOT NULL,
    PRIMARY KEY (user_id, category)
) WITHOUT ROWID;

-- Mail that came in and landed nowhere (unknown sender, a contact without
-- portal access): who, what and why, for staff to see. The text is not kept.
CREATE TABLE mail_quarantine (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    sender      TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    reason      TEXT    NOT NULL
);
