INSERT INTO checkin_answers (user_id, local_date, question_id, value, metric, item, score)
VALUES (@userId, @date, @questionId, @value, @metric, @item, @score)
ON CONFLICT DO NOTHING;
