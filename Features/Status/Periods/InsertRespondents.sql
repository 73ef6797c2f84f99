INSERT INTO aggregate_respondents (organisation_id, granularity, period_start, user_id, team_id, metrics)
SELECT @organisationId, @granularity, @start, x.user_id, x.team_id, x.metrics
FROM unnest(@userIds::uuid[], @teamIds::uuid[], @metrics::int[]) AS x(user_id, team_id, metrics);
