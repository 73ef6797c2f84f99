-- Serialises key minting per person, so two parallel requests cannot both pass the limit.
SELECT pg_advisory_xact_lock(hashtextextended('api-keys:' || @actorId::text, 0));
