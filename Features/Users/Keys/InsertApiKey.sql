-- The owner must be visible to the actor (themselves, or someone in an admin's organisation). Admins may
-- give keys only to managers and admins: a key made for an employee would let its maker read that
-- person's own data as them, past the access log.
INSERT INTO api_keys (id, user_id, name, key_hash, display_prefix)
SELECT @id, u.id, @name, @keyHash, @displayPrefix
FROM users u
WHERE u.id = @userId AND u.active AND (u.id = @actorId OR u.role IN ('manager', 'admin'))
RETURNING id, user_id, name, display_prefix, created_at, revoked_at;
