SELECT u.id, u.telegram_id, u.language
FROM users u
WHERE u.organisation_id = @organisationId AND u.role = 'admin' AND u.active AND u.telegram_id IS NOT NULL AND u.id <> @userId;
