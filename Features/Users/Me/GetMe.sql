SELECT id, organisation_id, team_id, display_name, data_key, role, language, time_zone, checkin_time,
       weekdays_only, cadence, paused_until, active
FROM users
WHERE id = @id;
