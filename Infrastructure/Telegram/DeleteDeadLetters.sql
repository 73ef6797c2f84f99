DELETE FROM telegram_dead_letters WHERE id = ANY(@ids);
