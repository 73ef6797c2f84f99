UPDATE invites SET uses = uses + 1
WHERE id = @id AND revoked_at IS NULL AND expires_at > now() AND uses < max_uses
RETURNING organisation_id, team_id, role;
