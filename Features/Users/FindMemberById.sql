SELECT id, organisation_id, team_id, telegram_id, role, language, time_zone, active, data_key, cadence
FROM users
WHERE id = @id;
