SELECT granularity, period_start
FROM aggregate_periods
WHERE organisation_id = @organisationId AND period_start >= @from;
