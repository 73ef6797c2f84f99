SELECT set_config('app.user_id', @userId, true),
       set_config('app.org_id', @orgId, true),
       set_config('app.role', @role, true);
