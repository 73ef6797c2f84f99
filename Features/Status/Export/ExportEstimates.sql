SELECT local_date, who5, phq9, gad7, burnout, stress, sleep_hours, sleep_quality, wlb, mood
FROM daily_estimates
WHERE user_id = @id
ORDER BY local_date;
