UPDATE organisations
SET alert_mode = coalesce(@alertMode::text, alert_mode),
    alert_admins = coalesce(@alertAdmins::text, alert_admins),
    crisis_resources = coalesce(@crisisResources::jsonb, crisis_resources)
WHERE id = @id;
