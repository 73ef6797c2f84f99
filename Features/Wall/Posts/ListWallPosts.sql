-- Row-level security already limits members to released, visible posts and admins to released ones.
SELECT id, category, created_on, body, released_seq, hidden, flag_count
FROM wall_posts
WHERE organisation_id = @organisationId
  AND released_seq IS NOT NULL
  AND (@includeHidden OR hidden IS NULL)
  AND (NOT @onlyHidden OR hidden IS NOT NULL)
  AND (@before::bigint IS NULL OR released_seq < @before)
ORDER BY released_seq DESC
LIMIT @limit;
