INSERT INTO users (id, organisation_id, team_id, telegram_id, display_name, role, language, time_zone, data_key)
VALUES (@id, @organisationId, @teamId, @telegramId, @displayName, @role, @language, @timeZone, @dataKey)
ON CONFLICT (telegram_id) DO NOTHING;
