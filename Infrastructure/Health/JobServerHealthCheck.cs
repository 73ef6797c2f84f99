using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mindguard.Infrastructure.Health;

/// <summary>Ready only when a Hangfire server has sent a heartbeat recently, so jobs will actually run.</summary>
public sealed class JobServerHealthCheck(JobStorage storage, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var servers = storage.GetMonitoringApi().Servers();
        var now = time.GetUtcNow().UtcDateTime;
        var alive = servers.Count(s => s.Heartbeat is { } beat && now - beat < Stale);
        var data = new Dictionary<string, object> { ["servers"] = alive };
        return Task.FromResult(alive > 0
            ? HealthCheckResult.Healthy($"{alive} job server(s) alive", data)
            : HealthCheckResult.Unhealthy("no job server has sent a heartbeat recently", data: data));
    }
}
