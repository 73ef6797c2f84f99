INSERT INTO voice_notes (id, user_id, telegram_message_id, duration_seconds, transcript, topics, mood, stress, self_harm_risk)
VALUES (@id, @userId, @telegramMessageId, @durationSeconds, @transcript, @topics, @mood, @stress, @selfHarmRisk)
ON CONFLICT (user_id, telegram_message_id) DO NOTHING;
