SELECT id, reader_role, what, read_at, detail::text AS detail
FROM access_log
WHERE subject_id = @id AND (@before::bigint IS NULL OR id < @before)
ORDER BY id DESC
LIMIT @limit;
