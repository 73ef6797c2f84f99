-- Done consequences stop guarding against a redelivered update long before 30 days (Telegram gives up
-- within a day); parked ones stay 90 days for the operations report, like dead letters.
DELETE FROM consequences
WHERE (status = 'done' AND finished_at < now() - interval '30 days')
   OR (status = 'parked' AND finished_at < now() - interval '90 days');
