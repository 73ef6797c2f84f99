UPDATE users SET consent_version = @version, consented_at = now() WHERE id = @id;
