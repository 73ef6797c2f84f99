SELECT id, name FROM organisations WHERE is_default;
