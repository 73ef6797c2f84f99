DELETE FROM job_runs WHERE started_at < now() - interval '8 days';
DELETE FROM webhook_latency WHERE minute < now() - interval '8 days';
