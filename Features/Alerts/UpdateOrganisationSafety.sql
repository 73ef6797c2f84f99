UPDATE organisations
SET alert_mode = coalesce(@alertMode::text, alert_mode),
    crisis_resources = coalesce(@crisisResources::jsonb, crisis_resources)
WHERE id = @id;
