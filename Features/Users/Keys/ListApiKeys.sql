SELECT id, user_id, name, display_prefix, created_at, revoked_at
FROM api_keys
WHERE (@ownerId::uuid IS NULL OR user_id = @ownerId)
  AND (@after::uuid IS NULL OR id > @after)
ORDER BY id
LIMIT @limit;
