-- A team from another organisation is refused: the subquery only sees the admin's own teams.
-- active = false is an admin's deactivation (deactivated_at), which /start cannot undo; true lifts it.
UPDATE users u SET
  role    = coalesce(@role::text, u.role),
  team_id = CASE WHEN @teamId::uuid IS NULL THEN u.team_id
                 ELSE (SELECT t.id FROM teams t WHERE t.id = @teamId AND t.organisation_id = u.organisation_id) END,
  active  = coalesce(@active::boolean, u.active),
  deactivated_at = CASE WHEN @active::boolean IS NULL THEN u.deactivated_at
                        WHEN @active::boolean THEN NULL
                        ELSE coalesce(u.deactivated_at, now()) END,
  deactivation_noticed = CASE WHEN @active::boolean THEN false ELSE u.deactivation_noticed END
WHERE u.id = @id AND u.role <> 'service'  -- integrations are revoked at DELETE /api/integrations/{id}
RETURNING u.id, u.display_name, u.data_key, u.role, u.team_id, u.active, u.language, u.telegram_id, u.created_at;
