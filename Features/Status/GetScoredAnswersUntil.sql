-- Skipped questions carry no score: they are never counted, so the two-thirds rule sees them as unanswered.
SELECT local_date AS date, metric, item, score
FROM checkin_answers
WHERE user_id = @userId AND local_date BETWEEN @from AND @to AND score IS NOT NULL;
