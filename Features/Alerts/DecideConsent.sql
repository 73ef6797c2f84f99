-- Declining closes the alert like a resolution, so the 7-day cool-off applies before asking again.
UPDATE alerts
SET status = CASE WHEN @agree THEN 'open' ELSE 'resolved' END,
    resolved_at = CASE WHEN @agree THEN NULL ELSE now() END,
    resolved_by = CASE WHEN @agree THEN NULL ELSE @userId END
WHERE id = @id;
