DELETE FROM teams WHERE id = @id;
