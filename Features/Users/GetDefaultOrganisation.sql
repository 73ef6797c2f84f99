SELECT id FROM organisations WHERE is_default;
