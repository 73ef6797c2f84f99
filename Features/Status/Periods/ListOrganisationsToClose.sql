-- Where each organisation's closing resumes (its latest stored week or month, whichever is earlier) and its
-- first estimate: periods that end before it hold nothing. Organisations without answers have nothing to close.
SELECT o.id, o.time_zone,
       (SELECT least(max(p.period_start) FILTER (WHERE p.granularity = 'week'), max(p.period_start) FILTER (WHERE p.granularity = 'month'))
        FROM aggregate_periods p WHERE p.organisation_id = o.id) AS resume_day,
       (SELECT min(e.local_date) FROM users u JOIN daily_estimates e ON e.user_id = u.id WHERE u.organisation_id = o.id) AS first_day
FROM organisations o;
