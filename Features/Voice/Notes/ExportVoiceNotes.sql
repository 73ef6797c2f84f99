SELECT id, created_at, duration_seconds, transcript, topics, mood, stress, self_harm_risk
FROM voice_notes
WHERE user_id = @userId
ORDER BY id;
