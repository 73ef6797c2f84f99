-- Messages to the person not tied to their row (user_id null), e.g. replies queued by chat id.
DELETE FROM outbox WHERE chat_id = @telegramId OR user_id = @id;
