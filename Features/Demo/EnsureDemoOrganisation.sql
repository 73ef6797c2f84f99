-- The demo goes into the default organisation, where the bootstrap admin key can see it.
WITH created AS (
  INSERT INTO organisations (id, name, is_default)
  VALUES (@id, 'Demo organisation', true)
  ON CONFLICT (is_default) WHERE is_default DO NOTHING
  RETURNING id
)
SELECT id FROM created
UNION ALL
SELECT id FROM organisations WHERE is_default
LIMIT 1;
