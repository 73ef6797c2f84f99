-- Only the acting person gets a key (the api_keys_mint policy holds the same rule): a key made for
-- someone else would let its maker read that person's own data as them, past the access log.
-- Someone inactive may hold one; it works only while they are active (see LookupApiKey).
INSERT INTO api_keys (id, user_id, name, key_hash, display_prefix)
SELECT @id, u.id, @name, @keyHash, @displayPrefix
FROM users u
WHERE u.id = @actorId
RETURNING id, user_id, name, display_prefix, created_at, revoked_at;
