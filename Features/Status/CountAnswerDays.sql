-- A day whose every question was skipped brings no estimate closer, so it does not count towards /status.
SELECT count(DISTINCT local_date)::int FROM checkin_answers WHERE user_id = @userId AND score IS NOT NULL;
