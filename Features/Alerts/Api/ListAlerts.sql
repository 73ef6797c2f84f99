-- RLS limits rows to the caller's team (managers) or organisation (admins); one's own alerts are left out.
SELECT id, user_id, team_id, rule, metric, level, since, status, raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by
FROM alerts
WHERE user_id <> @actorId
  AND (@status::text IS NULL OR status = @status)
  AND (@before::uuid IS NULL OR id < @before)
ORDER BY id DESC
LIMIT @limit;
