SELECT id, user_id, team_id, rule, metric, level, since, status, raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by
FROM alerts
WHERE id = @id;
