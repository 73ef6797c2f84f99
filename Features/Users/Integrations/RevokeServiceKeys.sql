UPDATE api_keys SET revoked_at = now()
WHERE user_id = @id AND revoked_at IS NULL
RETURNING key_hash;
