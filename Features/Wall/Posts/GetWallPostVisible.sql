SELECT EXISTS (SELECT 1 FROM wall_posts WHERE id = @postId AND released_seq IS NOT NULL AND hidden IS NULL);
