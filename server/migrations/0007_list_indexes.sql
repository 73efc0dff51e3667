-- Every list is read through an index that matches its scope and its order,
-- so a page costs the same on the first and the hundred-thousandth ticket and
-- nothing is sorted in a temporary B-tree. The store names the index it means
-- (INDEXED BY), so these names are part of its contract.
--
-- Ticket sorts: created is the rowid (and the existing (scope, id) indexes);
-- updated, deadline and priority get one index each per scope column: none
-- (staff's all tickets), the organisation (a client, or staff filtering),
-- the requester (a client who sees only their own) and the assignee (Mine,
-- Unassigned). The deadline and priority keys are the exact expressions the
-- store orders by.
CREATE INDEX tickets_updated ON tickets (updated_at, id);
CREATE INDEX tickets_deadline ON tickets (COALESCE(deadline, 9223372036854775807), id);
CREATE INDEX tickets_priority ON tickets (
    (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END), id);

CREATE INDEX tickets_org_updated ON tickets (organization_id, updated_at, id);
CREATE INDEX tickets_org_deadline ON tickets (
    organization_id, COALESCE(deadline, 9223372036854775807), id);
CREATE INDEX tickets_org_priority ON tickets (organization_id,
    (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END), id);

CREATE INDEX tickets_requester_updated ON tickets (requester_id, updated_at, id);
CREATE INDEX tickets_requester_deadline ON tickets (
    requester_id, COALESCE(deadline, 9223372036854775807), id);
CREATE INDEX tickets_requester_priority ON tickets (requester_id,
    (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END), id);

CREATE INDEX tickets_assignee_updated ON tickets (assignee_id, updated_at, id);
CREATE INDEX tickets_assignee_deadline ON tickets (
    assignee_id, COALESCE(deadline, 9223372036854775807), id);
CREATE INDEX tickets_assignee_priority ON tickets (assignee_id,
    (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END), id);

-- Orders, newest first, within an organisation or a location.
CREATE INDEX orders_org_id ON orders (organization_id, id);
CREATE INDEX orders_location ON orders (location_id, id);

-- Ticket search in one contentless index whose documents carry their scope
-- as tokens in a second column, so a client's search intersects the word with
-- their own scope inside FTS5 instead of matching every ticket first:
--   o<org>   every document of the organisation's tickets (staff filtering),
--   po<org>  the ones its clients may read (ticket text, public messages),
--   pr<user> the same for one requester (a client who sees only their own).
-- A document's rowid says whose it is: the ticket id times 2^20 plus its
-- number within the ticket (0 the ticket's own text, then 1, 2, … its
-- messages in order), so a match names its ticket without a join and rowid
-- order is ticket order (newest last). A thread's messages past the 2^20th
-- are not indexed. Triggers keep it, so no writer can forget; organisation,
-- requester and the internal flag never change, and nothing is deleted.
DROP TABLE ticket_fts;
DROP TABLE message_fts;
CREATE VIRTUAL TABLE ticket_search USING fts5 (text, scope, content = '');

INSERT INTO ticket_search (rowid, text, scope)
    SELECT id << 20, subject || ' ' || body,
           'o' || organization_id || ' po' || organization_id || ' pr' || requester_id
    FROM tickets;
INSERT INTO ticket_search (rowid, text, scope)
    SELECT (ticket << 20) + seq, body, scope FROM (
        SELECT t.id AS ticket, m.body AS body,
               row_number() OVER (PARTITION BY m.thread_id ORDER BY m.id) AS seq,
               'o' || t.organization_id
               || CASE WHEN m.internal THEN ''
                       ELSE ' po' || t.organization_id || ' pr' || t.requester_id END AS scope
        FROM messages m JOIN tickets t ON t.thread_id = m.thread_id)
    WHERE seq < 1048576;
-- One segment: a bulk load leaves many, and every search would open them all.
INSERT INTO ticket_search (ticket_search) VALUES ('optimize');

CREATE TRIGGER ticket_search_ticket AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, text, scope)
    VALUES (new.id << 20, new.subject || ' ' || new.body,
            'o' || new.organization_id || ' po' || new.organization_id || ' pr' || new.requester_id);
END;
-- Messages of order threads find no ticket and are not indexed. Messages are
-- never deleted, so the count (this one included) is the message's number.
CREATE TRIGGER ticket_search_message AFTER INSERT ON messages BEGIN
    INSERT INTO ticket_search (rowid, text, scope)
    SELECT (t.id << 20) + n.seq, new.body,
           'o' || t.organization_id
           || CASE WHEN new.internal THEN ''
                   ELSE ' po' || t.organization_id || ' pr' || t.requester_id END
    FROM tickets t,
         (SELECT COUNT(*) AS seq FROM messages WHERE thread_id = new.thread_id) n
    WHERE t.thread_id = new.thread_id AND n.seq < 1048576;
END;

-- Order search: reference, title and the submitted field values (not the
-- field keys). Titles change, so deletes must work without the old text.
CREATE VIRTUAL TABLE order_search USING fts5 (
    reference, title, field_values, content = '', contentless_delete = 1);
INSERT INTO order_search (rowid, reference, title, field_values)
    SELECT id, reference, title,
           (SELECT group_concat(value, ' ') FROM json_each(form_values))
    FROM orders;
INSERT INTO order_search (order_search) VALUES ('optimize');
CREATE TRIGGER order_search_insert AFTER INSERT ON orders BEGIN
    INSERT INTO order_search (rowid, reference, title, field_values)
    VALUES (new.id, new.reference, new.title,
            (SELECT group_concat(value, ' ') FROM json_each(new.form_values)));
END;
CREATE TRIGGER order_search_update AFTER UPDATE OF reference, title, form_values ON orders BEGIN
    DELETE FROM order_search WHERE rowid = old.id;
    INSERT INTO order_search (rowid, reference, title, field_values)
    VALUES (new.id, new.reference, new.title,
            (SELECT group_concat(value, ' ') FROM json_each(new.form_values)));
END;
