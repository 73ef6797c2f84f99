INSERT INTO access_log (organisation_id, reader_id, reader_role, subject_id, what)
SELECT @organisationId, @readerId, @readerRole, subject, @what
FROM unnest(@subjects) AS subject;
