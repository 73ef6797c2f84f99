-- RLS shows only teams of the caller's organisation; "mine" is whether the caller belongs to it.
SELECT t.id, EXISTS (SELECT 1 FROM users u WHERE u.id = @userId AND u.team_id = t.id) AS mine
FROM teams t
WHERE t.id = @id;
