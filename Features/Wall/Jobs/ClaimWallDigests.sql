-- News per organisation since its last digest, claimed in the same statement: a concurrent run waits
-- on the claim row and then finds nothing newer. Organisations below the anonymity threshold are skipped.
WITH news AS (
  SELECT p.organisation_id, count(*)::int AS posts, max(p.released_seq) AS upto
  FROM wall_posts p
  LEFT JOIN wall_digests d ON d.organisation_id = p.organisation_id
  WHERE p.released_seq > coalesce(d.last_released_seq, 0)
  GROUP BY p.organisation_id
  HAVING organisation_active_members(p.organisation_id) >= @k
), claimed AS (
  INSERT INTO wall_digests (organisation_id, last_released_seq)
  SELECT organisation_id, upto FROM news
  ON CONFLICT (organisation_id) DO UPDATE SET last_released_seq = excluded.last_released_seq
    WHERE wall_digests.last_released_seq < excluded.last_released_seq
  RETURNING organisation_id
)
SELECT n.organisation_id, n.posts,
       (SELECT count(*)::int FROM wall_posts h WHERE h.organisation_id = n.organisation_id AND h.hidden = 'flags') AS awaiting_review,
       u.id AS admin_id, u.telegram_id, u.language
FROM news n
JOIN claimed c ON c.organisation_id = n.organisation_id
JOIN users u ON u.organisation_id = n.organisation_id AND u.role = 'admin' AND u.active AND u.telegram_id IS NOT NULL
ORDER BY n.organisation_id, u.id;
