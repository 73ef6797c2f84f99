INSERT INTO api_keys (id, user_id, name, key_hash, display_prefix)
VALUES (@id, @userId, @name, @keyHash, @displayPrefix);
