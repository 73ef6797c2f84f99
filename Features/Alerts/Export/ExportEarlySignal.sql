SELECT last_sent_on
FROM early_signals
WHERE user_id = @id;
