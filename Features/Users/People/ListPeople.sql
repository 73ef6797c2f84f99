SELECT id, display_name, data_key, role, team_id, active, language, telegram_id, created_at
FROM users
WHERE (@teamId::uuid IS NULL OR team_id = @teamId)
  AND (@after::uuid IS NULL OR id > @after)
ORDER BY id
LIMIT @limit;
