-- Nothing when the same rule is still open (unique index) or, for rules over estimates, was resolved
-- less than 7 days ago. Asking to talk is never held back by a cool-off.
INSERT INTO alerts (id, user_id, organisation_id, team_id, rule, metric, level, since, status)
SELECT @id, @userId, @organisationId, @teamId, @rule, @metric, @level, @since, @status
WHERE @rule = 'talk_now' OR NOT EXISTS (
  SELECT 1 FROM alerts
  WHERE user_id = @userId AND rule = @rule AND status = 'resolved' AND resolved_at > now() - interval '7 days')
ON CONFLICT (user_id, rule) WHERE status <> 'resolved' DO NOTHING
RETURNING id;
