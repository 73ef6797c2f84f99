SELECT count(*)::int FROM teams WHERE organisation_id = @organisation AND name = ANY(@names);
