SELECT id, name FROM teams WHERE organisation_id = @organisation;
