SELECT user_id AS id, max(local_date) AS last_day
FROM daily_estimates
WHERE local_date >= @from
GROUP BY user_id;
