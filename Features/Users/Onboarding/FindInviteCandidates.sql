SELECT id, code_hash, team_id
FROM invites
WHERE code_prefix = @prefix AND revoked_at IS NULL AND expires_at > now() AND uses < max_uses;
