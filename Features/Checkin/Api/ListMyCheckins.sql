WITH days AS (
  SELECT local_date, bool_or(completed) AS completed
  FROM (
    SELECT local_date, completed_at IS NOT NULL AS completed FROM checkin_days WHERE user_id = @userId
    UNION ALL
    SELECT local_date, false FROM checkin_answers WHERE user_id = @userId
  ) all_days
  WHERE @before::date IS NULL OR local_date < @before
  GROUP BY local_date
  ORDER BY local_date DESC
  LIMIT @limit
)
SELECT d.local_date AS date, d.completed, a.question_id, a.value, a.answered_at
FROM days d
LEFT JOIN checkin_answers a ON a.user_id = @userId AND a.local_date = d.local_date
ORDER BY d.local_date DESC, a.answered_at;
