SELECT local_date, note, created_at
FROM checkin_notes
WHERE user_id = @id
ORDER BY local_date;
