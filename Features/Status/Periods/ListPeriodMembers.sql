-- The members as they were when the period ended, each with their latest estimates within it (none: nulls).
SELECT m.user_id, m.team_id, e.local_date IS NOT NULL AS answered,
       e.who5, e.phq9, e.gad7, e.burnout, e.stress, e.sleep_hours, e.sleep_quality, e.wlb, e.mood
FROM memberships m
LEFT JOIN LATERAL (
  SELECT d.* FROM daily_estimates d
  WHERE d.user_id = m.user_id AND d.local_date BETWEEN @start AND @end
  ORDER BY d.local_date DESC LIMIT 1
) e ON true
WHERE m.organisation_id = @organisationId AND m.valid_from <= @at AND (m.valid_to IS NULL OR m.valid_to > @at);
