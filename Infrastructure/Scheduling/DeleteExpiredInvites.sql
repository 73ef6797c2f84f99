-- Invites nobody can use any more: expired, or revoked, more than 30 days ago (the month lets an admin
-- still see why a late code was refused).
DELETE FROM invites
WHERE expires_at < now() - interval '30 days'
   OR revoked_at < now() - interval '30 days';
