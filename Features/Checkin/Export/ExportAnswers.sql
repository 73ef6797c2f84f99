SELECT local_date, question_id, value, metric, item, score, answered_at
FROM checkin_answers
WHERE user_id = @id
ORDER BY local_date, answered_at, id;
