SELECT coalesce((SELECT is_default FROM organisations WHERE id = @organisationId), false);
