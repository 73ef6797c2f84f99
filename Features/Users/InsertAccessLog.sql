INSERT INTO access_log (organisation_id, reader_id, reader_role, subject_id, what, detail)
SELECT @organisationId, @readerId, @readerRole, subject, @what, @detail::jsonb
FROM unnest(@subjects) AS subject;
