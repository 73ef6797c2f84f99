using FastEndpoints;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Teams;

public sealed class PatchTeamEndpoint(NpgsqlDataSource db) : Endpoint<PatchTeamRequest, TeamResponse>
{
    private static readonly string UpdateSql = Sql.Load<PatchTeamEndpoint>("UpdateTeam");

    public override void Configure()
    {
        Patch("/api/teams/{id}");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403, 404, 409));
        Summary(s =>
        {
            s.Summary = "Rename a team or change its time zone";
            s.ExampleRequest = new PatchTeamRequest { Name = "Platform & Infra" };
        });
    }

    public override async Task HandleAsync(PatchTeamRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        TeamResponse? team;
        try
        {
            team = await session.Connection.QuerySingleOrDefaultAsync<TeamResponse>(session.Command(UpdateSql, new
            {
                id = req.Id,
                name = req.Name?.Trim(),
                timeZone = SettingsRules.CanonicalTimeZone(req.TimeZone),
            }, ct));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await Send.ResultAsync(Results.Problem(statusCode: 409, title: "Conflict", detail: "Another team already has that name."));
            return;
        }
        if (team is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await AuditTrail.RecordAsync(session, actor, AuditActions.TeamChanged, ct, targetId: team.Id, detail: new { name = req.Name?.Trim(), timeZone = req.TimeZone });
        await session.CommitAsync(ct);
        await Send.OkAsync(team, ct);
    }
}
