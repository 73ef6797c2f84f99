SELECT note FROM checkin_notes WHERE user_id = @userId AND local_date = @date;
