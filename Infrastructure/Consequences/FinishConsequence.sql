-- Only while this worker's lease holds: a worker that overran it must not finish what another has taken.
UPDATE consequences SET status = 'done', finished_at = now(), locked_until = NULL
WHERE id = @id AND status = 'running' AND attempts = @attempts;
