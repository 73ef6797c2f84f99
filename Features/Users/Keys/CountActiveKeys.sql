SELECT count(*) FROM api_keys WHERE user_id = @actorId AND revoked_at IS NULL;
