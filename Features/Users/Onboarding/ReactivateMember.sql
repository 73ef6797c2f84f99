-- Only someone who blocked the bot comes back this way; an admin's deactivation is lifted only by an admin.
UPDATE users SET active = true WHERE id = @id AND deactivated_at IS NULL;
