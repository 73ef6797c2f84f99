DELETE FROM telegram_dead_letters
WHERE created_at < now() - interval '90 days';
