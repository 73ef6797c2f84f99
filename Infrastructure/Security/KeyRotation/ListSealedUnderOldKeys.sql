-- A batch still under an older configured key. Rows a running replica holds are skipped and come
-- back in a later batch; the lock taken here keeps them from changing until the batch commits.
SELECT {id} AS id, {context}::text AS context, {value} AS value
FROM {table}
WHERE {value} IS NOT NULL
  AND substring({value} FROM 1 FOR 2) = ANY (@headers)
  AND {id}::text <> ALL (@skip)
LIMIT @batchSize
FOR UPDATE SKIP LOCKED;
