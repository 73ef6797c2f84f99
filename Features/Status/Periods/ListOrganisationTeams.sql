SELECT id FROM teams WHERE organisation_id = @organisationId;
