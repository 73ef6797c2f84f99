SELECT count(*)
FROM api_keys k
JOIN users u ON u.id = k.user_id
WHERE u.role = 'admin' AND u.active AND k.revoked_at IS NULL;
