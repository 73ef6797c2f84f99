INSERT INTO teams (id, organisation_id, name, time_zone)
VALUES (@id, @organisationId, @name, @timeZone)
ON CONFLICT (organisation_id, name) DO NOTHING
RETURNING id, name, time_zone, 0 AS members, created_at;
