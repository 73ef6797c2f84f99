SELECT granularity, period_start, metrics
FROM aggregate_respondents
WHERE user_id = @id
ORDER BY period_start, granularity;
