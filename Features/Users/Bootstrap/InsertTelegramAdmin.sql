INSERT INTO users (id, organisation_id, telegram_id, display_name, role, language, data_key, consent_version, consent_clauses, consented_at)
VALUES (@id, @organisationId, @telegramId, @displayName, 'admin', @language, @dataKey, @consentVersion, @consentClauses::jsonb, now())
ON CONFLICT (telegram_id) DO NOTHING;
