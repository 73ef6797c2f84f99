SELECT local_date AS date, who5, stress
FROM daily_estimates
WHERE user_id = @userId AND local_date BETWEEN @from AND @to;
