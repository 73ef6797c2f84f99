INSERT INTO organisations (id, name, is_default)
VALUES (@id, 'My organisation', true)
ON CONFLICT (is_default) WHERE is_default DO NOTHING;
