-- Invoices, quotes, their lines and payments, per-year numbers, and each
-- organisation's payment-link template.
--
-- Amounts are integer minor units of the row's currency (cents, yen); a
-- line keeps the decimal text it was written with, and the minor units it
-- came to, so totals are sums of integers and never re-rounded. An
-- invoice's `overdue` and a quote's `expired` are derived on reading.

-- The last number given per kind ('invoice', 'quote') and year; a number is
-- taken inside the transaction that sends, so none is skipped or reused.
CREATE TABLE billing_sequences (
    kind TEXT    NOT NULL CHECK (kind IN ('invoice', 'quote')),
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
);

CREATE TABLE quotes (
    id              INTEGER PRIMARY KEY,
    number          TEXT    UNIQUE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined')),
    currency        TEXT    NOT NULL,
    issue_date      TEXT    NOT NULL,  -- YYYY-MM-DD
    valid_until     TEXT    NOT NULL,  -- YYYY-MM-DD, the last day it may be accepted
    notes           TEXT    NOT NULL DEFAULT '',
    net_minor       INTEGER NOT NULL,
    tax_minor       INTEGER NOT NULL,
    decided_by      INTEGER REFERENCES users (id),
    decided_at      INTEGER,
    decision_note   TEXT,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    sent_at         INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX quotes_org ON quotes (organization_id, id);

CREATE TABLE invoices (
    id              INTEGER PRIMARY KEY,
    number          TEXT    UNIQUE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'sent', 'paid', 'void')),
    currency        TEXT    NOT NULL,
    issue_date      TEXT    NOT NULL,  -- YYYY-MM-DD
    due_date        TEXT    NOT NULL,  -- YYYY-MM-DD
    notes           TEXT    NOT NULL DEFAULT '',
    net_minor       INTEGER NOT NULL,
    tax_minor       INTEGER NOT NULL,
    paid_minor      INTEGER NOT NULL DEFAULT 0,
    -- The quote it was made from: one invoice per quote.
    quote_id        INTEGER UNIQUE REFERENCES quotes (id),
    created_by      INTEGER NOT NULL REFERENCES users (id),
    sent_at         INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (paid_minor >= 0 AND paid_minor <= net_minor + tax_minor)
);
CREATE INDEX invoices_org ON invoices (organization_id, id);
CREATE INDEX invoices_status ON invoices (status, due_date);

-- A line of an invoice or of a quote, in order.
CREATE TABLE billing_lines (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER REFERENCES invoices (id),
    quote_id    INTEGER REFERENCES quotes (id),
    position    INTEGER NOT NULL,
    description TEXT    NOT NULL,
    quantity    TEXT    NOT NULL,
    unit_price  TEXT    NOT NULL,
    tax_rate    TEXT    NOT NULL,
    net_minor   INTEGER NOT NULL,
    tax_minor   INTEGER NOT NULL,
    CHECK ((invoice_id IS NULL) <> (quote_id IS NULL))
);
CREATE INDEX billing_lines_invoice ON billing_lines (invoice_id, position);
CREATE INDEX billing_lines_quote ON billing_lines (quote_id, position);

CREATE TABLE invoice_payments (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    paid_on      TEXT    NOT NULL,  -- YYYY-MM-DD
    method       TEXT    NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX invoice_payments_invoice ON invoice_payments (invoice_id, id);

-- An organisation's own payment page template, over the server's.
CREATE TABLE payment_links (
    organization_id INTEGER PRIMARY KEY REFERENCES organizations (id),
    template        TEXT    NOT NULL
);
