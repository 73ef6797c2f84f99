INSERT INTO crisis_followups (user_id, next_at)
VALUES (@userId, @nextAt)
ON CONFLICT (user_id) DO UPDATE SET next_at = excluded.next_at, better = 0, closed_at = NULL;
