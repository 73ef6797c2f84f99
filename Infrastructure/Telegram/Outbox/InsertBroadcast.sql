INSERT INTO broadcasts (id, kind, skipped) VALUES (@id, @kind, @skipped);
