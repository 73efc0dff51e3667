-- Mail upkeep. The outbox is made again (nothing refers to it) to lose the
-- CHECK on its category, which could not grow with new kinds of mail
-- (categories are checked where they are read, as text enums), and to
-- gain what a mail needs now:
--   unsubscribe  the token of its List-Unsubscribe link (none on invites);
--   sending_at   set while a send is under way, so a crash between the
--                SMTP server's yes and marking the row sent is not retried
--                (see mail/send.rs for the tradeoff).
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
    last_error      TEXT,
    unsubscribe     TEXT,
    sending_at      INTEGER
);
INSERT INTO outbox_new (id, category, recipient_id, to_address, to_name, subject, body,
                        thread_id, created_at, attempts, next_attempt_at, sent_at,
                        failed_at, last_error)
SELECT id, category, recipient_id, to_address, to_name, subject, body,
       thread_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
-- Pruning finished mail by age, oldest first.
CREATE INDEX outbox_done ON outbox (id) WHERE sent_at IS NOT NULL OR failed_at IS NOT NULL;

-- One unguessable token per person and category: the one-click
-- unsubscribe link of every such mail (RFC 8058). At most people x
-- categories rows.
CREATE TABLE mail_unsubscribe (
    token    TEXT    PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users (id),
    category TEXT    NOT NULL,
    UNIQUE (user_id, category)
) WITHOUT ROWID;

-- Pruning held submissions and quarantined mail by age.
CREATE INDEX mail_quarantine_received ON mail_quarantine (received_at);
CREATE INDEX support_form_holds_created ON support_form_holds (created_at);
