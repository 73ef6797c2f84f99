-- RLS shows an admin only their own organisation's rows.
SELECT id, service_name AS name, scopes, active, created_at, deactivated_at AS revoked_at
FROM users
WHERE role = 'service'
  AND (@after::uuid IS NULL OR id > @after)
ORDER BY id
LIMIT @limit;
