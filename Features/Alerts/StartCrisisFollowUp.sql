-- Asked again a day later, moved out of the person's quiet hours; a new crisis starts the count of "better" again.
INSERT INTO crisis_followups (user_id, next_at)
SELECT id, next_waking_time(@now::timestamptz + interval '1 day', time_zone) FROM users WHERE id = @userId
ON CONFLICT (user_id) DO UPDATE SET next_at = excluded.next_at, better = 0, last_better_on = NULL, closed_at = NULL;
