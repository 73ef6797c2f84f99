-- Only the first key is kept: posts already sealed under it must stay readable.
UPDATE organisations SET wall_key = @wrapped WHERE id = @organisationId AND wall_key IS NULL;
