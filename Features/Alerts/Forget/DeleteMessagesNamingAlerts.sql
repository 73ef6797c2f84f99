-- Care contacts' alert, talk-now and escalation messages carry the person's name in plain text and their
-- alert's id in every button (al:v1:ack:<id>): the id finds them, sent or not.
DELETE FROM outbox o
USING alerts a
WHERE a.user_id = @userId AND position(replace(a.id::text, '-', '') IN o.payload::text) > 0;
