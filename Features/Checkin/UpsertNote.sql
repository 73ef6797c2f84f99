INSERT INTO checkin_notes (user_id, local_date, note)
VALUES (@userId, @date, @note)
ON CONFLICT (user_id, local_date) DO UPDATE SET note = excluded.note, created_at = now();
