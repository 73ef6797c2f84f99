-- For someone an admin deactivated: marks the one notice as given and says whether it was still due.
-- No row for everyone else, so the common case writes nothing.
WITH target AS (
  SELECT id, deactivation_noticed FROM users
  WHERE telegram_id = @telegramId AND deactivated_at IS NOT NULL
  FOR UPDATE
)
UPDATE users u SET deactivation_noticed = true
FROM target
WHERE u.id = target.id
RETURNING u.language, NOT target.deactivation_noticed AS notice_due;
