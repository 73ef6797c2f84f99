SELECT key_hash FROM api_keys WHERE user_id = @id;
