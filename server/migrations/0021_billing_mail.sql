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

-- The outbox lost its fixed list of categories in 0019, so `billing`
-- needs no table rebuilt.
