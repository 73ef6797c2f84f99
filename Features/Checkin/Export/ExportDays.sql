SELECT local_date, prompted_at, reminded_at, completed_at
FROM checkin_days
WHERE user_id = @id
ORDER BY local_date;
