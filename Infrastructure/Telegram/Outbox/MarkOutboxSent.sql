UPDATE outbox SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL
WHERE id = @id
RETURNING extract(epoch FROM sent_at - created_at)::float8;
