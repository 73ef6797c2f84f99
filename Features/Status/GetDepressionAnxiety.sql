SELECT phq9, gad7 FROM daily_estimates WHERE user_id = @userId AND local_date = @date;
