SELECT team_id, count(*)::int AS members
FROM users
WHERE organisation_id = @organisationId AND active
GROUP BY team_id;
