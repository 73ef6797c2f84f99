UPDATE users SET consent_version = NULL, consent_clauses = NULL, consented_at = NULL WHERE id = @id;
