SELECT action, target_id, at
FROM audit_log
WHERE actor_id = @id
ORDER BY at, id;
