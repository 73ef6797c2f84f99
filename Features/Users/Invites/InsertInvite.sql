-- The team must be visible to the admin, i.e. in their organisation.
INSERT INTO invites (id, organisation_id, team_id, role, code_prefix, code_hash, max_uses, expires_at, created_by)
SELECT @id, t.organisation_id, t.id, @role, @codePrefix, @codeHash, @maxUses, @expiresAt, @createdBy
FROM teams t
WHERE t.id = @teamId
RETURNING id;
