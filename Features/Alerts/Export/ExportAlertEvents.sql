-- Who acted, as the person can know it: the people behind care_contact are theirs to see in the access log.
SELECT e.alert_id,
       e.action,
       CASE WHEN e.actor_id IS NULL THEN 'system' WHEN e.actor_id = @id THEN 'you' ELSE 'care_contact' END AS "by",
       e.at
FROM alert_events e
JOIN alerts a ON a.id = e.alert_id
WHERE a.user_id = @id
ORDER BY e.at, e.id;
