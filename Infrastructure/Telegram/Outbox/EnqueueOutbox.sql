INSERT INTO outbox (chat_id, user_id, payload)
VALUES (@chatId, @userId, @payload::jsonb);
