SELECT crisis_resources::text FROM organisations WHERE id = @organisationId;
