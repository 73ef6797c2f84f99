-- The api_keys_mint_service policy admits an admin minting only for a service account of their organisation.
INSERT INTO api_keys (id, user_id, name, key_hash, display_prefix)
VALUES (@id, @userId, @name, @keyHash, @displayPrefix);
