INSERT INTO checkin_days (user_id, local_date, completed_at)
VALUES (@userId, @date, now())
ON CONFLICT (user_id, local_date) DO UPDATE SET completed_at = coalesce(checkin_days.completed_at, now());
