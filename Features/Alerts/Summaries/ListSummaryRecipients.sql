SELECT id, telegram_id, language, role, team_id
FROM users
WHERE organisation_id = @organisation AND active AND telegram_id IS NOT NULL AND role IN ('manager', 'admin');
