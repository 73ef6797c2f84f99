SELECT g.granularity, g.period_start, p.period_end, g.scope, g.team_id, g.members, g.respondents, g.suppressed, g.cells::text AS cells
FROM aggregate_groups g
JOIN aggregate_periods p USING (organisation_id, granularity, period_start)
WHERE g.organisation_id = @organisationId AND p.period_start <= @end AND p.period_end >= @start
  AND NOT (p.granularity = @granularity AND p.period_start = @start);
