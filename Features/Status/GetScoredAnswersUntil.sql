SELECT local_date AS date, metric, item, score
FROM checkin_answers
WHERE user_id = @userId AND local_date BETWEEN @from AND @to;
