INSERT INTO weekly_summaries (organisation_id, week_start)
VALUES (@organisation, @weekStart)
ON CONFLICT DO NOTHING;
