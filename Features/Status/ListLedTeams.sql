-- Admins: every team of the organisation (RLS); managers: the team they belong to.
SELECT t.id, t.name
FROM teams t
WHERE @managerId::uuid IS NULL OR t.id = (SELECT team_id FROM users WHERE id = @managerId)
ORDER BY t.name;
