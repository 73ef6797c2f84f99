-- Concurrent dispatchers both try; only one of them asks each person, once per consent text.
UPDATE users SET consent_asked_version = @consentVersion
WHERE id = ANY(@userIds) AND consent_asked_version IS DISTINCT FROM @consentVersion
RETURNING id;
