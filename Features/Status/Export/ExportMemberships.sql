-- '-infinity' marks a first membership that reaches back to the start: "since joining" reads as null.
SELECT t.name AS team_name,
       nullif(m.valid_from, '-infinity'::timestamptz) AS valid_from,
       m.valid_to
FROM memberships m
LEFT JOIN teams t ON t.id = m.team_id
WHERE m.user_id = @id
ORDER BY m.id;
