INSERT INTO telegram_dead_letters (update_id, payload, error)
VALUES (@updateId, @payload, @error);
