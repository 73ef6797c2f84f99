SELECT id, rule, metric, level, since, status, raised_at, acknowledged_at, resolved_at, escalated_at
FROM alerts
WHERE user_id = @id
ORDER BY raised_at, id;
