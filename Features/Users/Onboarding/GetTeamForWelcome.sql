SELECT t.name AS team_name, o.name AS organisation_name, t.time_zone, t.organisation_id
FROM teams t
JOIN organisations o ON o.id = t.organisation_id
WHERE t.id = @teamId;
