using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts.Consequences;

/// <summary>After a completed check-in: the alert rules look at the person's estimates as of that day.</summary>
public sealed class EvaluateAlertsConsequence(AlertEvaluator evaluator) : IConsequenceHandler
{
    public string Kind => ConsequenceKinds.EvaluateAlerts;

    public Task HandleAsync(DbSession session, Consequence consequence, CancellationToken ct) =>
        evaluator.EvaluateAsync(session, consequence.UserId, consequence.LocalDate, ct);
}
