INSERT INTO audit_log (organisation_id, actor_id, actor_role, action, subject_id, target_id, detail)
VALUES (@organisationId, @actorId, @actorRole, @action, @subjectId, @targetId, @detail::jsonb);
