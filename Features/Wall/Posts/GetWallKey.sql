SELECT wall_key FROM organisations WHERE id = @organisationId;
