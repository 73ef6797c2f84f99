SELECT reader_role, what, detail::text AS detail, read_at
FROM access_log
WHERE subject_id = @id
ORDER BY read_at DESC, id DESC;
