-- The owner must be visible to the actor (themselves, or someone in an admin's organisation).
INSERT INTO api_keys (id, user_id, name, key_hash, display_prefix)
SELECT @id, u.id, @name, @keyHash, @displayPrefix
FROM users u
WHERE u.id = @userId AND u.active
RETURNING id, user_id, name, display_prefix, created_at, revoked_at;
