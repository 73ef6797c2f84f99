INSERT INTO outbox (chat_id, user_id, payload, broadcast_id)
VALUES (@chatId, @userId, @payload::jsonb, @broadcastId);
