INSERT INTO users (id, organisation_id, display_name, role)
VALUES (@id, @organisationId, 'Bootstrap admin', 'admin');
