-- Moving next_at a day on claims a row, so overlapping runs never ask twice.
UPDATE crisis_followups f SET next_at = @now::timestamptz + interval '1 day'
FROM users u
WHERE u.id = f.user_id AND f.closed_at IS NULL AND f.next_at <= @now AND u.active AND u.telegram_id IS NOT NULL
RETURNING f.user_id, u.telegram_id, u.language;
