SELECT id, time_zone FROM organisations;
