-- Whether, and in which team and metrics, the reader was a respondent of each period.
SELECT period_start, team_id, metrics
FROM aggregate_respondents
WHERE user_id = @userId AND organisation_id = @organisationId AND granularity = @granularity
  AND period_start BETWEEN @first AND @last;
