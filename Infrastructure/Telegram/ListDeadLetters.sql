SELECT id, update_id, payload FROM telegram_dead_letters ORDER BY id;
