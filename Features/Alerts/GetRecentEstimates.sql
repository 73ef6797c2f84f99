SELECT local_date AS date, who5, phq9, gad7, burnout
FROM daily_estimates
WHERE user_id = @userId AND local_date > @from;
