SELECT
  job,
  count(*)::int AS runs,
  count(*) FILTER (WHERE NOT succeeded)::int AS failed,
  max(started_at) AS last_run_at,
  max(started_at) FILTER (WHERE NOT succeeded) AS last_failure_at,
  (array_agg(error ORDER BY started_at DESC) FILTER (WHERE NOT succeeded))[1] AS last_error
FROM job_runs
WHERE started_at >= @from AND started_at < @to
GROUP BY job
ORDER BY job;
