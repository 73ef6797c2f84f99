-- In the acting admin's own organisation; no Telegram id, data key or team: it is nobody's colleague.
INSERT INTO users (id, organisation_id, role, scopes, service_name)
VALUES (@id, @organisationId, 'service', @scopes, @name)
RETURNING id, service_name AS name, scopes, active, created_at, deactivated_at AS revoked_at;
