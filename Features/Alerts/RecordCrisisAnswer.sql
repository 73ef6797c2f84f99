-- "Better" twice closes the follow-ups; "still hard" starts the count again. Either way, ask again tomorrow.
UPDATE crisis_followups
SET better = CASE WHEN @better THEN better + 1 ELSE 0 END,
    next_at = @nextAt,
    closed_at = CASE WHEN @better AND better + 1 >= 2 THEN @now ELSE NULL END
WHERE user_id = @userId AND closed_at IS NULL
RETURNING closed_at IS NOT NULL AS closed;
