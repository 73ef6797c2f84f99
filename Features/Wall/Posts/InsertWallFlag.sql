-- Counted by a trigger; a second flag from the same member conflicts and counts nothing. No conflict
-- target on purpose: naming one needs SELECT on wall_flags, which members must not have.
INSERT INTO wall_flags (post_id, flagger)
SELECT p.id, @flagger
FROM wall_posts p
WHERE p.id = @postId AND p.released_seq IS NOT NULL AND p.hidden IS NULL
ON CONFLICT DO NOTHING;
