SELECT u.id, u.telegram_id, u.display_name, u.data_key, u.role, t.name AS team_name, u.language, u.time_zone,
       u.checkin_time, u.weekdays_only, u.cadence, u.paused_until, u.active, u.deactivated_at, u.created_at,
       u.voice_analysis, u.consent_version, u.consented_at, u.consent_clauses::text AS consent_clauses
FROM users u
LEFT JOIN teams t ON t.id = u.team_id
WHERE u.id = @id;
