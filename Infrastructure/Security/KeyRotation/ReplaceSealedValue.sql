-- Compare-and-swap on the old value as well as the row lock: a value changed since it was read is never overwritten.
UPDATE {table} SET {value} = @resealed WHERE {id} = @id AND {value} = @old;
