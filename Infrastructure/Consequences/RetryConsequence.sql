UPDATE consequences
SET status = CASE WHEN @park THEN 'parked' ELSE 'pending' END,
    next_attempt_at = now() + make_interval(secs => @delaySeconds),
    finished_at = CASE WHEN @park THEN now() END,
    locked_until = NULL,
    last_error = @error
WHERE id = @id AND status = 'running' AND attempts = @attempts;
