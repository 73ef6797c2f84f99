SELECT action, actor_id, at FROM alert_events WHERE alert_id = @id ORDER BY at, id;
