INSERT INTO checkin_answers (user_id, local_date, question_id, value)
VALUES (@userId, @date, @questionId, @value)
ON CONFLICT (user_id, local_date, question_id) DO NOTHING;
