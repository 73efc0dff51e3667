-- View as contact: a short read-only session for a client contact, opened
-- by the staff member named here (NULL: the person signed in themselves).
ALTER TABLE sessions ADD COLUMN viewed_by INTEGER REFERENCES users (id);

-- An organisation may require its contacts to sign in with a second factor.
ALTER TABLE organizations ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 0;
