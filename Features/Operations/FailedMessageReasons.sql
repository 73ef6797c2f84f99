SELECT coalesce(o.last_error, 'unknown') AS reason, count(*)::int AS count
FROM outbox o
JOIN users u ON u.id = o.user_id
WHERE u.organisation_id = @organisationId AND o.created_at >= @from AND o.created_at < @to AND o.status = 'failed'
GROUP BY 1
ORDER BY 2 DESC, 1
LIMIT 10;
