SELECT id, display_name, data_key, role, team_id, active, language, telegram_id, created_at
FROM users
-- People only: service accounts are listed at GET /api/integrations.
WHERE role <> 'service'
  AND (@teamId::uuid IS NULL OR team_id = @teamId)
  AND (@after::uuid IS NULL OR id > @after)
ORDER BY id
LIMIT @limit;
