SELECT metric, level, since FROM alerts
WHERE id = @id AND user_id = @userId AND status = 'awaiting_consent'
FOR UPDATE;
