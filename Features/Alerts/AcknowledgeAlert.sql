UPDATE alerts SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = @actorId
WHERE id = @id AND status = 'open' AND user_id <> @actorId
RETURNING id, user_id, team_id, rule, metric, level, since, status, raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by;
