INSERT INTO consequences (user_id, kind, dedupe_key, local_date)
SELECT @userId, kind, @dedupeKey, @localDate FROM unnest(@kinds::text[]) AS kind
ON CONFLICT (user_id, kind, dedupe_key) DO NOTHING;
