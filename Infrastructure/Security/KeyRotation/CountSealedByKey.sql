-- How many values each key id seals; the id is the envelope's second byte.
SELECT get_byte({value}, 1) AS key_id, count(*) AS count
FROM {table}
WHERE {value} IS NOT NULL AND length({value}) >= 2
GROUP BY 1;
