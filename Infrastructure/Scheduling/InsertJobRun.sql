INSERT INTO job_runs (job, started_at, duration_ms, succeeded, error)
VALUES (@job, @startedAt, @durationMs, @succeeded, @error);
