-- People whose check-in time is this very minute but who are paused or inactive: the prompts this run
-- leaves out. (Counting only this minute keeps a paused person from being counted by every run of the day.)
SELECT count(*)::int
FROM users u
CROSS JOIN LATERAL (SELECT (@now::timestamptz AT TIME ZONE u.time_zone) AS local_ts) t
WHERE u.telegram_id IS NOT NULL
  AND u.time_zone IN (SELECT name FROM pg_timezone_names)
  AND t.local_ts::time >= u.checkin_time
  AND t.local_ts::time < u.checkin_time + interval '1 minute'
  AND (NOT u.active OR (u.paused_until IS NOT NULL AND u.paused_until >= t.local_ts::date));
