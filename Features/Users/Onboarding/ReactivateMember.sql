UPDATE users SET active = true WHERE id = @id;
