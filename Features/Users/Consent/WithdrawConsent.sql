UPDATE users SET consent_version = NULL, consented_at = NULL WHERE id = @id;
