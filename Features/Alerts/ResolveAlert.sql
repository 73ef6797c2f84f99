UPDATE alerts SET status = 'resolved', resolved_at = now(), resolved_by = @actorId
WHERE id = @id AND status <> 'resolved' AND user_id <> @actorId
RETURNING id, user_id, team_id, rule, metric, level, since, status, raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by;
