-- Nothing when the same rule is still open (unique index) or was resolved less than 7 days ago.
INSERT INTO alerts (id, user_id, organisation_id, team_id, rule, metric, level, since, status)
SELECT @id, @userId, @organisationId, @teamId, @rule, @metric, @level, @since, @status
WHERE NOT EXISTS (
  SELECT 1 FROM alerts
  WHERE user_id = @userId AND rule = @rule AND status = 'resolved' AND resolved_at > now() - interval '7 days')
ON CONFLICT (user_id, rule) WHERE status <> 'resolved' DO NOTHING
RETURNING id;
