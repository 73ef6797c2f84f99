SELECT revoked_at IS NOT NULL FROM api_keys WHERE key_hash = @keyHash;
