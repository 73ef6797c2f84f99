-- The stored groups of the latest @limit closed periods within [@from, @to] (either may be null).
WITH periods AS (
  SELECT period_start, period_end FROM aggregate_periods
  WHERE organisation_id = @organisationId AND granularity = @granularity
    AND (@from::date IS NULL OR period_start >= @from) AND (@to::date IS NULL OR period_end <= @to)
  ORDER BY period_start DESC
  LIMIT @limit
)
SELECT g.granularity, g.period_start, p.period_end, g.scope, g.team_id, g.members, g.respondents, g.suppressed, g.cells::text AS cells
FROM periods p
JOIN aggregate_groups g ON g.organisation_id = @organisationId AND g.granularity = @granularity AND g.period_start = p.period_start
ORDER BY g.period_start;
