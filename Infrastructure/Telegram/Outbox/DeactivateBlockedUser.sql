UPDATE users SET active = false WHERE telegram_id = @chatId;
