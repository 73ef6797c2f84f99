-- Per period k (start = @from + k * @days), per respondent (anyone who answered within the period):
-- each metric's sum of item means and item count over the 14 days ending on the period's last day.
-- Only the aggregation service reads this; what leaves it is k-anonymous.
WITH people AS (
  SELECT id, team_id FROM users
  WHERE organisation_id = @organisationId AND active AND (@teamIds::uuid[] IS NULL OR team_id = ANY(@teamIds))
),
scored AS (
  SELECT a.user_id, a.local_date, a.metric, a.item, a.score
  FROM checkin_answers a
  JOIN people u ON u.id = a.user_id
  WHERE a.local_date BETWEEN @from::date - 13 AND @to::date
),
respondents AS (
  SELECT DISTINCT user_id, (local_date - @from::date) / @days AS k
  FROM scored
  WHERE local_date >= @from::date
),
windows AS (
  SELECT s.user_id, k, s.metric, s.item, s.score
  FROM scored s
  CROSS JOIN LATERAL generate_series(
    greatest(0, ceil((s.local_date - @from::date - @days + 1)::numeric / @days)::int),
    least(@periods - 1, floor((s.local_date - @from::date + 14 - @days)::numeric / @days)::int)) AS k
),
item_means AS (
  SELECT w.k, w.user_id, w.metric, w.item, avg(w.score)::float8 AS mean
  FROM windows w
  JOIN respondents r ON r.user_id = w.user_id AND r.k = w.k
  GROUP BY w.k, w.user_id, w.metric, w.item
)
SELECT i.k AS period, i.user_id, u.team_id, i.metric, sum(i.mean) AS sum_of_means, count(i.item)::int AS items, avg(i.mean) AS mean
FROM item_means i
JOIN people u ON u.id = i.user_id
GROUP BY i.k, i.user_id, u.team_id, i.metric;
