-- Two-factor sign-in (TOTP, RFC 6238). A secret is written when a person
-- starts enrolling and counts once confirmed with a code. `last_step` is
-- the newest time step accepted, so each code works once.
CREATE TABLE totp_secrets (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id),
    secret       BLOB    NOT NULL,
    confirmed_at INTEGER,
    last_step    INTEGER NOT NULL DEFAULT 0
);

-- Single-use codes for a lost authenticator, stored hashed.
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id),
    code_hash BLOB    NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- The step between a right password and the second factor: short-lived,
-- a few tries, stored hashed like session tokens.
CREATE TABLE login_challenges (
    token_hash BLOB    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    expires_at INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
