SELECT coalesce((SELECT completed_at IS NOT NULL FROM checkin_days WHERE user_id = @userId AND local_date = @date), false) AS completed,
       array(SELECT question_id FROM checkin_answers WHERE user_id = @userId AND local_date = @date) AS answered;
