-- Local date and time are computed in each person's own time zone from the job's clock (@now).
SELECT u.id, u.telegram_id, u.language, l.local_date
FROM users u
CROSS JOIN LATERAL (SELECT (@now::timestamptz AT TIME ZONE u.time_zone) AS local_ts) t
CROSS JOIN LATERAL (SELECT t.local_ts::date AS local_date) l
WHERE u.active AND u.telegram_id IS NOT NULL
  AND t.local_ts::time >= u.checkin_time
  AND (u.paused_until IS NULL OR u.paused_until < l.local_date)
  AND (NOT u.weekdays_only OR extract(isodow FROM l.local_date) < 6)
  AND CASE u.cadence
        WHEN 'every3days' THEN (l.local_date - @anchor::date) % 3 = 0
        WHEN 'weekly' THEN extract(isodow FROM l.local_date) = 1
        ELSE true
      END
  AND NOT EXISTS (SELECT 1 FROM checkin_days d WHERE d.user_id = u.id AND d.local_date = l.local_date)
LIMIT @batch;
