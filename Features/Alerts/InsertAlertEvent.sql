INSERT INTO alert_events (alert_id, actor_id, action) VALUES (@alertId, @actorId, @action);
