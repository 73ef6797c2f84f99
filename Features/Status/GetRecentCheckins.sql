-- Answers counts the questions answered; skipped ones are not answers.
SELECT a.local_date::timestamp AS date,
       count(a.score)::int AS answers,
       avg(a.score) FILTER (WHERE a.metric = 'mood')::float8 AS mood,
       coalesce(bool_or(d.completed_at IS NOT NULL), false) AS completed
FROM checkin_answers a
LEFT JOIN checkin_days d ON d.user_id = a.user_id AND d.local_date = a.local_date
WHERE a.user_id = @userId
GROUP BY a.local_date
ORDER BY a.local_date DESC
LIMIT @limit;
