SELECT id, organisation_id, team_id, telegram_id, role, language, time_zone, active, data_key, cadence, consent_version, voice_analysis, consent_clauses::text AS consent_clauses
FROM users
-- A service account (an integration) is no member: it has no data, settings or people's rights to act on.
WHERE id = @id AND role <> 'service';
