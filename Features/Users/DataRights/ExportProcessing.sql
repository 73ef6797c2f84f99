SELECT kind, local_date, status, created_at, finished_at
FROM consequences
WHERE user_id = @id
ORDER BY created_at, id;
