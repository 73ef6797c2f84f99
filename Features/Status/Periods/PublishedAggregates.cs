using System.Text.Json;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Privacy;

namespace Mindguard.Features.Status.Periods;

/// <summary>
/// Reads published cells for the API, /team and the weekly summary: stored rows as they were published,
/// only withheld from a reader who was one of the respondents and would otherwise see fewer than k others.
/// Stored rows are read as the system; what leaves here has passed <see cref="ReadingRules"/>.
/// </summary>
public sealed class PublishedAggregates(NpgsqlDataSource db, IOptions<AnonymityOptions> anonymity)
{
    private static readonly string GroupsSql = Sql.Load<PublishedAggregates>("ReadPublishedGroups");
    private static readonly string ReaderSql = Sql.Load<PublishedAggregates>("ReadReaderRows");

    /// <param name="readerId">The person reading (null for a reader who is no person).</param>
    /// <param name="teamIds">Teams to list (null: every team); the organisation total is listed when <paramref name="withTotal"/>.</param>
    public async Task<IReadOnlyList<GroupAggregate>> ReadAsync(Guid organisationId, Guid? readerId, Granularity granularity,
        DateOnly? from, DateOnly? to, int limit, IReadOnlyCollection<Guid>? teamIds, bool withTotal, CancellationToken ct)
    {
        var name = granularity == Granularity.Week ? "week" : "month";
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        // Every group of a period is read, whoever asks: the total's read-time rule needs the parts the reader cannot see.
        var rows = (await session.Connection.QueryAsync<GroupRow>(session.Command(GroupsSql,
            new { organisationId, granularity = name, from, to, limit }, ct))).ToList();
        if (rows.Count == 0) return [];
        var readerRows = readerId is { } userId
            ? (await session.Connection.QueryAsync<ReaderRow>(session.Command(ReaderSql, new
            {
                userId, organisationId, granularity = name, first = rows.Min(r => r.PeriodStart), last = rows.Max(r => r.PeriodStart),
            }, ct))).ToList()
            : [];

        var reader = Reader.Person(readerRows);
        var k = anonymity.Value.K;
        return rows.GroupBy(r => r.PeriodStart).OrderBy(p => p.Key)
            .SelectMany(p => ReadingRules.ForReader(p.Select(r => r.ToStored(granularity)).ToList(), reader, k))
            .Where(g => g.TeamId is null ? withTotal : teamIds is null || teamIds.Contains(g.TeamId.Value))
            .ToList();
    }

    private sealed record GroupRow(string Granularity, DateOnly PeriodStart, DateOnly PeriodEnd, string Scope, Guid? TeamId,
        int Members, int Respondents, bool Suppressed, string Cells)
    {
        public StoredGroup ToStored(Periods.Granularity granularity) => new(new CalendarPeriod(granularity, PeriodStart, PeriodEnd),
            Scope, TeamId, Members, Respondents, Suppressed, JsonSerializer.Deserialize<Dictionary<string, StoredCell>>(Cells, PeriodCloser.Json)!);
    }
}
