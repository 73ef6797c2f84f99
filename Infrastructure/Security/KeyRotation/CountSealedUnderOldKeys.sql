SELECT count(*)
FROM {table}
WHERE {value} IS NOT NULL
  AND substring({value} FROM 1 FOR 2) = ANY (@headers)
  AND {id}::text <> ALL (@skip);
