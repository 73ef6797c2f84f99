SELECT id, team_id, role, max_uses, uses, expires_at, created_at, revoked_at
FROM invites
WHERE @after::uuid IS NULL OR id > @after
ORDER BY id
LIMIT @limit;
