SELECT id, organisation_id, team_id, telegram_id, language, display_name, data_key, active
FROM users
WHERE id = @userId;
