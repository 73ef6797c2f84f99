-- Moving next_at a day on claims a row, so overlapping runs never ask twice. Nobody is asked during
-- their quiet hours: a follow-up due then waits for 08:00 local. Each message gets its own id.
UPDATE crisis_followups f
SET next_at = next_waking_time(@now::timestamptz + interval '1 day', u.time_zone),
    prompt_id = gen_random_uuid(), prompt_answered = false
FROM users u
WHERE u.id = f.user_id AND f.closed_at IS NULL AND f.next_at <= @now AND u.active AND u.telegram_id IS NOT NULL
  AND next_waking_time(@now::timestamptz, u.time_zone) = @now::timestamptz
RETURNING f.user_id, u.telegram_id, u.language, f.prompt_id;
