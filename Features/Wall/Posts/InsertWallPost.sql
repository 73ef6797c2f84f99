-- The day is the organisation's local date; the moment of writing is not kept anywhere.
INSERT INTO wall_posts (id, organisation_id, category, body, created_on, release_at, delete_token_hash)
SELECT @id, o.id, @category, @body, (@now::timestamptz AT TIME ZONE o.time_zone)::date, @releaseAt, @tokenHash
FROM organisations o
WHERE o.id = @organisationId;
