-- A deleted person's row has no user id left; its own id stands for them, distinct from everyone.
SELECT r.id, r.granularity, r.period_start, r.user_id, r.team_id, r.metrics
FROM aggregate_respondents r
JOIN aggregate_periods p USING (organisation_id, granularity, period_start)
WHERE r.organisation_id = @organisationId AND p.period_start <= @end AND p.period_end >= @start
  AND NOT (p.granularity = @granularity AND p.period_start = @start);
