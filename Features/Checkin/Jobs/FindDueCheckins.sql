-- Local date and time are computed in each person's own time zone from the job's clock (@now).
-- Zones the server's tzdata does not know are left out first (MATERIALIZED keeps that order): one
-- would otherwise fail the whole query and stop everyone's prompts.
WITH people AS MATERIALIZED (
  SELECT * FROM users
  WHERE active AND telegram_id IS NOT NULL AND time_zone IN (SELECT name FROM pg_timezone_names)
)
SELECT u.id, u.telegram_id, u.language, l.local_date, u.organisation_id,
       u.consent_version IS NOT DISTINCT FROM @consentVersion AS consented
FROM people u
CROSS JOIN LATERAL (SELECT (@now::timestamptz AT TIME ZONE u.time_zone) AS local_ts) t
CROSS JOIN LATERAL (SELECT t.local_ts::date AS local_date) l
WHERE t.local_ts::time >= u.checkin_time
  AND (u.paused_until IS NULL OR u.paused_until < l.local_date)
  AND (NOT u.weekdays_only OR extract(isodow FROM l.local_date) < 6)
  AND CASE u.cadence
        WHEN 'every3days' THEN (l.local_date - @anchor::date) % 3 = 0
        WHEN 'weekly' THEN extract(isodow FROM l.local_date) = 1
        ELSE true
      END
  AND NOT EXISTS (SELECT 1 FROM checkin_days d WHERE d.user_id = u.id AND d.local_date = l.local_date)
  AND (u.consent_version IS NOT DISTINCT FROM @consentVersion OR u.consent_asked_version IS DISTINCT FROM @consentVersion)
LIMIT @batch;
