SELECT value FROM checkin_answers WHERE user_id = @userId AND local_date = @date AND question_id = @questionId;
