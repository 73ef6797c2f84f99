-- As in FindDueCheckins, people in zones unknown to the server are left out before any zone arithmetic.
WITH people AS MATERIALIZED (
  SELECT * FROM users
  WHERE active AND telegram_id IS NOT NULL AND time_zone IN (SELECT name FROM pg_timezone_names)
)
SELECT d.user_id, u.telegram_id, u.language, d.local_date
FROM checkin_days d
JOIN people u ON u.id = d.user_id
CROSS JOIN LATERAL (SELECT (@now::timestamptz AT TIME ZONE u.time_zone) AS local_ts) t
WHERE d.prompted_at IS NOT NULL AND d.completed_at IS NULL AND d.reminded_at IS NULL
  AND d.prompted_at <= @now::timestamptz - make_interval(secs => @afterSeconds)
  AND d.local_date = t.local_ts::date
  AND t.local_ts::time >= @quietUntil::time AND t.local_ts::time < @quietFrom::time
  AND (u.paused_until IS NULL OR u.paused_until < d.local_date)
LIMIT @batch;
