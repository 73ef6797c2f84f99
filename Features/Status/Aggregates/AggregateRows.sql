-- Per period k (start = @from + k * @days): each respondent's latest estimates within the period
-- (a respondent is anyone who answered in it). One indexed range read per person.
-- Only the aggregation service reads this; what leaves it is k-anonymous.
WITH people AS (
  SELECT id, team_id FROM users
  WHERE organisation_id = @organisationId AND active AND (@teamIds::uuid[] IS NULL OR team_id = ANY(@teamIds))
)
SELECT DISTINCT ON (e.user_id, p.k)
       p.k AS period, e.user_id, u.team_id,
       e.who5, e.phq9, e.gad7, e.burnout, e.stress, e.sleep_hours, e.sleep_quality, e.wlb, e.mood
FROM people u
JOIN daily_estimates e ON e.user_id = u.id AND e.local_date BETWEEN @from::date AND @to::date
CROSS JOIN LATERAL (SELECT (e.local_date - @from::date) / @days AS k) p
ORDER BY e.user_id, p.k, e.local_date DESC;
