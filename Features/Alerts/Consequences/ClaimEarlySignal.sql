-- One early signal a fortnight: a row only when none was sent in the last @quietDays days.
INSERT INTO early_signals (user_id, last_sent_on) VALUES (@userId, @today)
ON CONFLICT (user_id) DO UPDATE SET last_sent_on = excluded.last_sent_on
WHERE early_signals.last_sent_on <= @today - @quietDays;
