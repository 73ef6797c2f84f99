SELECT name, display_prefix, created_at, revoked_at
FROM api_keys
WHERE user_id = @id
ORDER BY created_at;
