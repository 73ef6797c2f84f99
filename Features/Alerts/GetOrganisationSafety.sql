SELECT alert_mode, crisis_resources::text AS crisis_resources, alert_admins FROM organisations WHERE id = @organisationId;
