-- Places are drawn in a random order, so within a batch the order says nothing about who wrote first.
WITH due AS (
  SELECT id
  FROM wall_posts
  WHERE release_at <= @now
  ORDER BY random()
  FOR UPDATE SKIP LOCKED
), placed AS (
  SELECT id, nextval('wall_release_seq') AS seq FROM due
)
UPDATE wall_posts p
SET release_at = NULL, released_seq = placed.seq
FROM placed
WHERE p.id = placed.id;
