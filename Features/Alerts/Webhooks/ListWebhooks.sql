SELECT id, url, events, created_at, revoked_at FROM webhooks ORDER BY created_at;
