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
-- A ticket's own text has rowid -<ticket id>; a message has its message id.
-- Triggers keep it, so no writer can forget; organisation, requester and the
-- internal flag never change, and nothing here is ever deleted.
DROP TABLE ticket_fts;
DROP TABLE message_fts;
CREATE VIRTUAL TABLE ticket_search USING fts5 (text, scope, content = '');

INSERT INTO ticket_search (rowid, text, scope)
    SELECT -id, subject || ' ' || body,
           'o' || organization_id || ' po' || organization_id || ' pr' || requester_id
    FROM tickets;
INSERT INTO ticket_search (rowid, text, scope)
    SELECT m.id, m.body,
           'o' || t.organization_id
           || CASE WHEN m.internal THEN ''
                   ELSE ' po' || t.organization_id || ' pr' || t.requester_id END
    FROM messages m JOIN tickets t ON t.thread_id = m.thread_id;

CREATE TRIGGER ticket_search_ticket AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, text, scope)
    VALUES (-new.id, new.subject || ' ' || new.body,
            'o' || new.organization_id || ' po' || new.organization_id || ' pr' || new.requester_id);
END;
-- Messages of order threads find no ticket and are not indexed.
CREATE TRIGGER ticket_search_message AFTER INSERT ON messages BEGIN
    INSERT INTO ticket_search (rowid, text, scope)
    SELECT new.id, new.body,
           'o' || t.organization_id
           || CASE WHEN new.internal THEN ''
                   ELSE ' po' || t.organization_id || ' pr' || t.requester_id END
    FROM tickets t WHERE t.thread_id = new.thread_id;
END;

-- Order search: reference, title and the submitted field values (not the
-- field keys). Titles change, so deletes must work without the old text.
CREATE VIRTUAL TABLE order_search USING fts5 (
    reference, title, field_values, content = '', contentless_delete = 1);
INSERT INTO order_search (rowid, reference, title, field_values)
    SELECT id, reference, title,
           (SELECT group_concat(value, ' ') FROM json_each(form_values))
    FROM orders;
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
