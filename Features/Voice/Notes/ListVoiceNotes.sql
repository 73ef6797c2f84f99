SELECT id, created_at, duration_seconds, transcript, topics, mood, stress, self_harm_risk
FROM voice_notes
WHERE user_id = @userId AND (@before::uuid IS NULL OR id < @before)
ORDER BY id DESC
LIMIT @limit;
