INSERT INTO teams (id, organisation_id, name) VALUES (@id, @organisation, @name);
