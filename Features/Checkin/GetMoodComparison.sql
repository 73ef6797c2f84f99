SELECT
  (SELECT avg(value)::float8 FROM checkin_answers
    WHERE user_id = @userId AND local_date = @date AND question_id LIKE 'mood.%') AS today,
  (SELECT avg(value)::float8 FROM checkin_answers
    WHERE user_id = @userId AND local_date >= @date - 7 AND local_date < @date AND question_id LIKE 'mood.%') AS week_average;
