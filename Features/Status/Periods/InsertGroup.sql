INSERT INTO aggregate_groups (organisation_id, granularity, period_start, scope, team_id, members, respondents, suppressed, cells)
VALUES (@organisationId, @granularity, @start, @scope, @teamId, @members, @respondents, @suppressed, @cells::jsonb);
