-- One organisation's check-in days whose first answer falls in the window, and what became of them.
-- A local date is at most a day away from the UTC date, so older days cannot have started in it.
WITH days AS (
  SELECT d.prompted_at, d.completed_at, a.first_answer, a.last_answer
  FROM checkin_days d
  JOIN users u ON u.id = d.user_id
  LEFT JOIN LATERAL (
    SELECT min(x.answered_at) AS first_answer, max(x.answered_at) AS last_answer
    FROM checkin_answers x
    WHERE x.user_id = d.user_id AND x.local_date = d.local_date) a ON true
  WHERE u.organisation_id = @organisationId
    AND d.local_date >= (@from AT TIME ZONE 'UTC')::date - 1
)
SELECT
  count(*) FILTER (WHERE prompted_at >= @from AND prompted_at < @to)::int AS prompted,
  count(*) FILTER (WHERE first_answer >= @from AND first_answer < @to)::int AS started,
  count(*) FILTER (WHERE first_answer >= @from AND first_answer < @to AND completed_at IS NOT NULL)::int AS completed,
  count(*) FILTER (WHERE first_answer >= @from AND first_answer < @to AND completed_at IS NULL
                     AND last_answer < @to - make_interval(mins => @sessionMinutes))::int AS expired
FROM days;
