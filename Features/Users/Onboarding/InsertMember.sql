INSERT INTO users (id, organisation_id, team_id, telegram_id, display_name, role, language, time_zone, data_key, consent_version, consent_clauses, consented_at)
VALUES (@id, @organisationId, @teamId, @telegramId, @displayName, @role, @language, @timeZone, @dataKey, @consentVersion, @consentClauses::jsonb, now())
ON CONFLICT (telegram_id) DO NOTHING;
