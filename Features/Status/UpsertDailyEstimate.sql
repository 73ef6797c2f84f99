INSERT INTO daily_estimates (user_id, local_date, who5, phq9, gad7, burnout, stress, sleep_hours, sleep_quality, wlb, mood)
VALUES (@userId, @date, @who5, @phq9, @gad7, @burnout, @stress, @sleepHours, @sleepQuality, @wlb, @mood)
ON CONFLICT (user_id, local_date) DO UPDATE SET
  who5 = excluded.who5, phq9 = excluded.phq9, gad7 = excluded.gad7, burnout = excluded.burnout, stress = excluded.stress,
  sleep_hours = excluded.sleep_hours, sleep_quality = excluded.sleep_quality, wlb = excluded.wlb, mood = excluded.mood;
