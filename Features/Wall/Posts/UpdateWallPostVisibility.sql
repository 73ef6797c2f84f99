-- Restoring clears the flag count; the flaggers stay recorded, so the same people cannot hide it again.
UPDATE wall_posts
SET hidden = @hidden,
    flag_count = CASE WHEN @hidden::text IS NULL THEN 0 ELSE flag_count END
WHERE id = @id AND released_seq IS NOT NULL
RETURNING id, category, created_on, body, released_seq, hidden, flag_count;
