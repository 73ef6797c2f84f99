using FastEndpoints;
using Mindguard.Features.Users.Onboarding;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users.Invites;

public sealed class CreateInviteEndpoint(NpgsqlDataSource db, SecretHasher hasher, BotIdentity bot, TimeProvider time)
    : Endpoint<CreateInviteRequest, CreatedInviteResponse>
{
    private static readonly string InsertSql = Sql.Load<CreateInviteEndpoint>("InsertInvite");

    public override void Configure()
    {
        Post("/api/invites");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Produces<CreatedInviteResponse>(201).Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "Create an invite";
            s.Description = "Returns a code (shown once) and a Telegram link. People join a team by sending the bot /join CODE or opening the link.";
            s.ExampleRequest = new CreateInviteRequest { TeamId = Guid.Parse("0193a5b0-0000-7000-8000-000000000001"), Role = "employee", MaxUses = 25 };
        });
    }

    public override async Task HandleAsync(CreateInviteRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        var code = InviteCodes.Generate();
        var expiresAt = req.ExpiresAt?.ToUniversalTime() ?? time.GetUtcNow().UtcDateTime.AddDays(7);
        await using var session = await db.OpenSessionAsync(actor, ct);
        var id = await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command(InsertSql, new
        {
            id = Guid.CreateVersion7(),
            teamId = req.TeamId,
            role = req.Role,
            codePrefix = InviteCodes.Prefix(code),
            codeHash = hasher.Hash(code),
            maxUses = req.MaxUses,
            expiresAt,
            createdBy = actor.UserId,
        }, ct));
        if (id is null) ThrowError(r => r.TeamId, "No such team in your organisation.");
        await AuditTrail.RecordAsync(session, actor, AuditActions.InviteCreated, ct, targetId: id,
            detail: new { teamId = req.TeamId, role = req.Role, maxUses = req.MaxUses });
        await session.CommitAsync(ct);

        var username = await bot.UsernameAsync(ct);
        var link = username is null ? null : $"https://t.me/{username}?start={code}";
        await Send.ResultAsync(TypedResults.Created($"/api/invites/{id}",
            new CreatedInviteResponse(id!.Value, InviteCodes.Format(code), link, req.TeamId, req.Role, req.MaxUses, expiresAt)));
    }
}
