-- Revoked for good: LookupApiKey and app_has_scope admit only active accounts.
UPDATE users SET active = false, deactivated_at = coalesce(deactivated_at, now())
WHERE id = @id AND role = 'service'
RETURNING id;
