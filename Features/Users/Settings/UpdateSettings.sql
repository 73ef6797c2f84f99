UPDATE users SET
  language      = coalesce(@language::text, language),
  time_zone     = coalesce(@timeZone::text, time_zone),
  checkin_time  = coalesce(@checkinTime::time, checkin_time),
  weekdays_only = coalesce(@weekdaysOnly::boolean, weekdays_only),
  cadence       = coalesce(@cadence::text, cadence),
  paused_until  = CASE WHEN @resume THEN NULL ELSE coalesce(@pauseUntil::date, paused_until) END,
  voice_analysis = coalesce(@voiceAnalysis::boolean, voice_analysis)
WHERE id = @id;
