-- RLS limits teams to the caller's organisation; a manager is further limited to their own team.
SELECT t.id, t.name, t.time_zone,
       team_active_members(t.id) AS members,
       t.created_at
FROM teams t
WHERE (@managerId::uuid IS NULL OR t.id = (SELECT team_id FROM users WHERE id = @managerId))
  AND (@after::uuid IS NULL OR t.id > @after)
ORDER BY t.id
LIMIT @limit;
