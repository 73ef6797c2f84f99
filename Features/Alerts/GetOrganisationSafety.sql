SELECT alert_mode, crisis_resources::text AS crisis_resources FROM organisations WHERE id = @organisationId;
