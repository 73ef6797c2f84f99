UPDATE webhook_deliveries
SET status = @status, last_status = @httpStatus, last_error = @error, locked_until = NULL,
    delivered_at = CASE WHEN @status = 'delivered' THEN now() ELSE delivered_at END,
    next_attempt_at = now() + make_interval(secs => @retryInSeconds)
WHERE id = @id;
