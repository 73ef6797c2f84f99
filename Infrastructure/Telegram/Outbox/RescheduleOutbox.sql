-- A 429 is Telegram's pacing, not the message's fault, so it gives the attempt back.
UPDATE outbox
SET status = 'pending',
    next_attempt_at = now() + make_interval(secs => @delaySeconds),
    locked_until = NULL,
    last_error = @error,
    attempts = CASE WHEN @refundAttempt THEN attempts - 1 ELSE attempts END
WHERE id = @id;
