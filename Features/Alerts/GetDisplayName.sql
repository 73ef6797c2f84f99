SELECT display_name FROM users WHERE id = @id;
