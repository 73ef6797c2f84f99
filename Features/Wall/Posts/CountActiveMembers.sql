SELECT organisation_active_members(@organisationId);
