UPDATE users SET language = @language WHERE id = @id;
