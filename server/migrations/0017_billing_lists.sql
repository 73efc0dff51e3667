-- Invoice and quote lists walk their rows newest first (`ORDER BY id DESC`).
-- Staff filtering by status read them through (status, id) in that order;
-- the due-date part of overdue and expired is checked on those rows. The
-- (status, due_date) index sorted every filtered list in a temporary B-tree.
DROP INDEX invoices_status;
CREATE INDEX invoices_status ON invoices (status, id);
CREATE INDEX quotes_status ON quotes (status, id);
