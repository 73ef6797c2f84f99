SELECT count(DISTINCT local_date)::int FROM checkin_answers WHERE user_id = @userId;
