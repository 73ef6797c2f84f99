SELECT reader_role, what, read_at
FROM access_log
WHERE subject_id = @id
ORDER BY read_at DESC
LIMIT @limit;
