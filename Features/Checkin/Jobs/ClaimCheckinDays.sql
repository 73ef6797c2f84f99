-- Concurrent dispatchers both try; the primary key lets exactly one of them have each (person, date).
INSERT INTO checkin_days (user_id, local_date, prompted_at)
SELECT * , @now::timestamptz FROM unnest(@userIds::uuid[], @dates::date[])
ON CONFLICT (user_id, local_date) DO NOTHING
RETURNING user_id;
