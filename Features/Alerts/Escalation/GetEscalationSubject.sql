SELECT id, display_name, data_key FROM users WHERE id = @userId;
