SELECT next_at, better AS better_days, last_better_on, NOT prompt_answered AS awaiting_answer, closed_at
FROM crisis_followups
WHERE user_id = @id;
