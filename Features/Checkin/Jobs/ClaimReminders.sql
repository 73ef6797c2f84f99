UPDATE checkin_days d SET reminded_at = @now::timestamptz
FROM unnest(@userIds::uuid[], @dates::date[]) AS due (user_id, local_date)
WHERE d.user_id = due.user_id AND d.local_date = due.local_date AND d.reminded_at IS NULL
RETURNING d.user_id;
