INSERT INTO webhooks (id, organisation_id, url, secret, events)
VALUES (@id, @organisationId, @url, @secret, @events);
