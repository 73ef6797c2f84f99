SELECT u.id AS user_id, u.organisation_id, u.role, u.scopes
FROM api_keys k
JOIN users u ON u.id = k.user_id
WHERE k.key_hash = @hash AND k.revoked_at IS NULL AND u.active;
