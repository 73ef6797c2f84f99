INSERT INTO aggregate_periods (organisation_id, granularity, period_start, period_end)
VALUES (@organisationId, @granularity, @start, @end)
ON CONFLICT DO NOTHING;
