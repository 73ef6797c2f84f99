SELECT consent_version, consented_at FROM users WHERE id = @id;
