UPDATE teams t
SET name = coalesce(@name::text, t.name), time_zone = coalesce(@timeZone::text, t.time_zone)
WHERE t.id = @id
RETURNING t.id, t.name, t.time_zone,
          team_active_members(t.id) AS members,
          t.created_at;
