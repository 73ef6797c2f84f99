using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Scheduling;
using NodaTime;

namespace Mindguard.Features.Status.Periods;

/// <summary>
/// Hourly: publishes every week and month that has closed in each organisation's time zone and is not
/// published yet, oldest first, so a job that was down catches up. Safe to run anywhere at any time:
/// each period is claimed in the transaction that stores it.
/// </summary>
public sealed class ClosePeriodsJob(NpgsqlDataSource db, PeriodCloser closer, TimeProvider time, ILogger<ClosePeriodsJob> logger) : IRecurringJob
{
    /// <summary>How far back a first run publishes: older history stays unpublished rather than guessed at.</summary>
    public const int MaxDaysBack = 400;

    private static readonly string OrganisationsSql = Sql.Load<ClosePeriodsJob>("ListOrganisationsToClose");
    private static readonly string StoredSql = Sql.Load<ClosePeriodsJob>("ListStoredPeriods");

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<(Guid Id, string TimeZone, DateOnly? ResumeDay, DateOnly? FirstDay)> organisations;
        await using (var session = await db.OpenSessionAsync(Actor.System, ct))
        {
            organisations = (await session.Connection.QueryAsync<(Guid, string, DateOnly?, DateOnly?)>(session.Command(OrganisationsSql, null, ct))).ToList();
        }

        var published = 0;
        foreach (var (organisation, timeZone, resumeDay, firstDay) in organisations)
        {
            if (firstDay is not { } first) continue;
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZoneProviders.Tzdb["Europe/Kyiv"];
            var today = Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateOnly();
            var from = first < today.AddDays(-MaxDaysBack) ? today.AddDays(-MaxDaysBack) : first;
            var candidates = CalendarPeriod.ClosedBetween(resumeDay is { } resume && resume > from ? resume : from, today)
                .Where(p => p.End >= from).ToList();
            if (candidates.Count == 0) continue;

            HashSet<(string, DateOnly)> stored;
            await using (var session = await db.OpenSessionAsync(Actor.System, ct))
            {
                stored = (await session.Connection.QueryAsync<(string, DateOnly)>(session.Command(StoredSql,
                    new { organisationId = organisation, from = candidates.Min(p => p.Start) }, ct))).ToHashSet();
            }
            foreach (var period in candidates.Where(p => !stored.Contains((p.Name, p.Start))))
            {
                var endedAt = LocalDate.FromDateOnly(period.End.AddDays(1)).AtStartOfDayInZone(zone).ToInstant().ToDateTimeOffset();
                if (await closer.CloseAsync(organisation, period, endedAt, now, ct)) published++;
            }
        }
        logger.LogInformation("Closing periods published {Periods} weeks and months", published);
    }
}
