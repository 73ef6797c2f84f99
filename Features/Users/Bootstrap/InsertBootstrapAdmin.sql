INSERT INTO users (id, organisation_id, display_name, role, data_key)
VALUES (@id, @organisationId, @displayName, 'admin', @dataKey);
