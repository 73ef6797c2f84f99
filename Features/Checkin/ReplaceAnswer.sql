-- A changed answer replaces the stored one only while it is still the one the person chose to change
-- (@previous, null for a skip): a double tap or a redelivery finds it replaced already and writes nothing.
INSERT INTO checkin_answers (user_id, local_date, question_id, value, metric, item, score)
VALUES (@userId, @date, @questionId, @value, @metric, @item, @score)
ON CONFLICT (user_id, local_date, question_id) DO UPDATE
  SET value = excluded.value, score = excluded.score, answered_at = now()
  WHERE checkin_answers.value IS NOT DISTINCT FROM @previous AND checkin_answers.value IS DISTINCT FROM excluded.value
RETURNING answered_at;
