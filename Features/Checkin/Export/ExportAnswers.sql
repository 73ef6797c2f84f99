SELECT local_date, question_id, value, value IS NULL AS skipped, metric, item, score, answered_at
FROM checkin_answers
WHERE user_id = @id
ORDER BY local_date, answered_at, id;
