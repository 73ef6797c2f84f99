INSERT INTO consequences (user_id, kind, dedupe_key, local_date)
VALUES (@userId, @kind, @dedupeKey, @localDate)
ON CONFLICT (user_id, kind, dedupe_key) DO NOTHING;
