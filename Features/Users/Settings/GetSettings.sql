SELECT language, time_zone, checkin_time, weekdays_only, cadence, paused_until, voice_analysis
FROM users
WHERE id = @id;
