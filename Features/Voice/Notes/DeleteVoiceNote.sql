DELETE FROM voice_notes WHERE id = @id AND user_id = @userId;
