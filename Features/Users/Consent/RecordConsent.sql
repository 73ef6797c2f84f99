UPDATE users SET consent_version = @version, consent_clauses = @clauses::jsonb, consented_at = now() WHERE id = @id;
