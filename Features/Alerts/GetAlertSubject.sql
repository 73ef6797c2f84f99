SELECT id, organisation_id, team_id, telegram_id, language, display_name, data_key, active, cadence
FROM users
WHERE id = @userId;
