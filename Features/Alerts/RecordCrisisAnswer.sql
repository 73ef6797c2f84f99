-- One answer per follow-up message. "Better" counts once a day, and on two different days closes the
-- follow-ups; "still hard" starts the count again. The next message is already scheduled by the job.
UPDATE crisis_followups
SET prompt_answered = true,
    better = CASE WHEN NOT @better THEN 0 WHEN last_better_on = @today THEN better ELSE better + 1 END,
    last_better_on = CASE WHEN @better THEN @today END,
    closed_at = CASE WHEN @better AND last_better_on IS DISTINCT FROM @today AND better + 1 >= 2 THEN @now END
WHERE user_id = @userId AND prompt_id = @promptId AND NOT prompt_answered AND closed_at IS NULL
RETURNING closed_at IS NOT NULL AS closed;
