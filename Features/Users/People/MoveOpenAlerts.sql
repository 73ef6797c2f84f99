-- Open alerts follow the person to their new team, so its managers (not the old team's) are the care contacts.
UPDATE alerts SET team_id = @teamId WHERE user_id = @id AND status <> 'resolved';
