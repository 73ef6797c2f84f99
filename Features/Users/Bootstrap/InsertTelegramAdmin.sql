INSERT INTO users (id, organisation_id, telegram_id, display_name, role, language, data_key)
VALUES (@id, @organisationId, @telegramId, @displayName, 'admin', @language, @dataKey)
ON CONFLICT (telegram_id) DO NOTHING;
