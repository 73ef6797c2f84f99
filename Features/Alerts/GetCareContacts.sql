-- The person's team managers and the organisation's admins who can be reached in Telegram.
SELECT id, telegram_id, language, role
FROM users
WHERE organisation_id = @organisationId AND active AND telegram_id IS NOT NULL AND id <> @userId
  AND (role = 'admin' OR (role = 'manager' AND team_id = @teamId));
