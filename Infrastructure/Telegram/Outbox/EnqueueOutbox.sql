INSERT INTO outbox (chat_id, user_id, payload, broadcast_id, lane)
VALUES (@chatId, @userId, @payload::jsonb, @broadcastId, @lane);
