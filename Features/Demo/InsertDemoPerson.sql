INSERT INTO users (id, organisation_id, team_id, display_name, role, data_key)
VALUES (@id, @organisation, @team, @displayName, @role, @dataKey);
