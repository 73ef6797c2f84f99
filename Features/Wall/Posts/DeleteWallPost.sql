SELECT wall_delete_post(@token);
