-- Who is told about a person: their team's managers who can be reached in Telegram; the organisation's
-- admins only when there is no such manager, or when the organisation (or ALERT_ADMINS) says 'always'.
WITH managers AS (
  SELECT id, telegram_id, language, role, display_name, data_key
  FROM users
  WHERE organisation_id = @organisationId AND active AND telegram_id IS NOT NULL AND id <> @userId
    AND role = 'manager' AND team_id = @teamId
)
SELECT id, telegram_id, language, role, display_name, data_key FROM managers
UNION ALL
SELECT u.id, u.telegram_id, u.language, u.role, u.display_name, u.data_key
FROM users u
JOIN organisations o ON o.id = u.organisation_id
WHERE u.organisation_id = @organisationId AND u.active AND u.telegram_id IS NOT NULL AND u.id <> @userId AND u.role = 'admin'
  AND (coalesce(o.alert_admins, @defaultAdmins) = 'always' OR NOT EXISTS (SELECT 1 FROM managers));
