INSERT INTO checkin_days (user_id, local_date)
VALUES (@userId, @date)
ON CONFLICT (user_id, local_date) DO NOTHING;
