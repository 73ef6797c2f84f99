using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Checkin.Api;

public sealed class GetCheckinsRequest : PageRequest
{
    internal sealed class Validator : Validator<GetCheckinsRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

/// <param name="Value">The option chosen; null when the question was skipped.</param>
/// <param name="Skipped">True when the person preferred not to answer: kept, never scored.</param>
public sealed record AnswerResponse(string QuestionId, int? Value, bool Skipped, DateTime AnsweredAt);

public sealed record CheckinDayResponse(DateOnly Date, bool Completed, IReadOnlyList<AnswerResponse> Answers);

public sealed class GetCheckinsEndpoint(NpgsqlDataSource db) : Endpoint<GetCheckinsRequest, Page<CheckinDayResponse>>
{
    private static readonly string ListSql = Sql.Load<GetCheckinsEndpoint>("ListMyCheckins");

    public override void Configure()
    {
        Get("/api/me/checkins");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401));
        Summary(s =>
        {
            s.Summary = "Your check-ins";
            s.Description = "Your answers grouped by local date, newest first; a question you preferred not to answer has no value and skipped = true. The cursor is the last date of the previous page.";
        });
    }

    public override async Task HandleAsync(GetCheckinsRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        var before = req.Cursor is null ? (DateOnly?)null : DateOnly.TryParse(Paging.Decode(req.Cursor), out var d) ? d : null;
        await using var session = await db.OpenSessionAsync(actor, ct);
        var rows = await session.Connection.QueryAsync<(DateOnly Date, bool Completed, string? QuestionId, int? Value, DateTime? AnsweredAt)>(
            session.Command(ListSql, new { userId = actor.UserId, before, limit = req.Take + 1 }, ct));
        var days = rows.GroupBy(r => (r.Date, r.Completed))
            .Select(g => new CheckinDayResponse(g.Key.Date, g.Key.Completed,
                g.Where(r => r.QuestionId is not null).Select(r => new AnswerResponse(r.QuestionId!, r.Value, r.Value is null, r.AnsweredAt!.Value)).ToList()))
            .ToList();
        await Send.OkAsync(Paging.ToPage(days, req.Take, day => day.Date.ToString("yyyy-MM-dd")), ct);
    }
}
