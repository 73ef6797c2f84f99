SELECT id, at, actor_id, actor_role, action, subject_id, target_id, detail::text AS detail
FROM audit_log
WHERE (@before::bigint IS NULL OR id < @before)
  AND (@action::text IS NULL OR action = @action)
  AND (@subjectId::uuid IS NULL OR subject_id = @subjectId)
ORDER BY id DESC
LIMIT @limit;
