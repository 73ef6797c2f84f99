-- Replicas add their counts to the same minute's row; the row lock serialises them.
INSERT INTO webhook_latency (minute, counts)
VALUES (@minute, @counts)
ON CONFLICT (minute) DO UPDATE
SET counts = ARRAY(SELECT a + b FROM unnest(webhook_latency.counts, EXCLUDED.counts) AS t(a, b));
