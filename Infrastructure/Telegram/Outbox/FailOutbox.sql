UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = @error
WHERE id = @id;
