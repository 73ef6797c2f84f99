-- Open alerts no care contact acknowledged in time. Setting escalated_at claims them, so overlapping
-- runs and replicas escalate each once.
UPDATE alerts a SET escalated_at = @now
WHERE a.status = 'open' AND a.escalated_at IS NULL
  AND ((a.rule = 'talk_now' AND a.raised_at <= @now - make_interval(secs => @talkSeconds))
    OR (a.rule = 'critical' AND a.raised_at <= @now - make_interval(secs => @criticalSeconds)))
RETURNING a.id, a.user_id, a.organisation_id, a.rule, a.since;
