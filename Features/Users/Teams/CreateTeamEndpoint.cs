using FastEndpoints;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Teams;

public sealed class CreateTeamEndpoint(NpgsqlDataSource db) : Endpoint<CreateTeamRequest, TeamResponse>
{
    private static readonly string InsertSql = Sql.Load<CreateTeamEndpoint>("InsertTeam");

    public override void Configure()
    {
        Post("/api/teams");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Produces<TeamResponse>(201).Problems(400, 401, 403, 409));
        Summary(s =>
        {
            s.Summary = "Create a team";
            s.Description = "Teams group people for invites, care contacts and k-anonymous aggregates.";
            s.ExampleRequest = new CreateTeamRequest { Name = "Platform", TimeZone = "Europe/Kyiv" };
        });
    }

    public override async Task HandleAsync(CreateTeamRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var team = await session.Connection.QuerySingleOrDefaultAsync<TeamResponse>(session.Command(InsertSql, new
        {
            id = Guid.CreateVersion7(),
            organisationId = actor.OrganisationId,
            name = req.Name.Trim(),
            timeZone = SettingsRules.CanonicalTimeZone(req.TimeZone) ?? "Europe/Kyiv",
        }, ct));
        if (team is null)
        {
            await Send.ResultAsync(Results.Problem(statusCode: 409, title: "Conflict", detail: $"A team named '{req.Name.Trim()}' already exists."));
            return;
        }
        await AuditTrail.RecordAsync(session, actor, AuditActions.TeamCreated, ct, targetId: team.Id, detail: new { name = team.Name });
        await session.CommitAsync(ct);
        await Send.CreatedAtAsync<GetTeamsEndpoint>(null, team, cancellation: ct);
    }
}
