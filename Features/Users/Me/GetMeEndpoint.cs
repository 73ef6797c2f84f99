using Mindguard.Infrastructure.Http;
using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;
using Mindguard.Features.Users;

namespace Mindguard.Features.Users.Me;

public sealed class GetMeEndpoint(NpgsqlDataSource db, PersonCipher cipher) : EndpointWithoutRequest<MeResponse>
{
    private static readonly string GetMeSql = Sql.Load<GetMeEndpoint>("GetMe");

    public override void Configure()
    {
        Get("/api/me");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(401, 404));
        Summary(s =>
        {
            s.Summary = "Your profile and settings";
            s.Description = "Who the API key belongs to, with the settings that shape check-ins.";
            s.Response<MeResponse>(200, "The caller's profile.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var me = await session.Connection.QuerySingleOrDefaultAsync<MeRow>(session.Command(GetMeSql, new { id = actor.UserId }, ct));
        if (me is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await Send.OkAsync(me.ToResponse(cipher), ct);
    }

    private sealed record MeRow(Guid Id, Guid OrganisationId, Guid? TeamId, byte[]? DisplayName, byte[]? DataKey, string Role, string Language,
        string TimeZone, TimeOnly CheckinTime, bool WeekdaysOnly, string Cadence, DateOnly? PausedUntil, bool Active)
    {
        public MeResponse ToResponse(PersonCipher cipher) => new()
        {
            Id = Id, OrganisationId = OrganisationId, TeamId = TeamId, Role = Role,
            DisplayName = cipher.DecryptDisplayName(Id, DataKey, DisplayName) ?? "",
            Language = Language, TimeZone = TimeZone, CheckinTime = CheckinTime.ToString("HH:mm"),
            WeekdaysOnly = WeekdaysOnly, Cadence = Cadence,
            PausedUntil = PausedUntil, Active = Active,
        };
    }
}
