using FastEndpoints;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Users.Me;

public sealed class GetAccessLogRequest : PageRequest
{
    internal sealed class Validator : Validator<GetAccessLogRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

/// <summary>Someone other than you read your data, or acted about you.</summary>
/// <param name="ReaderRole">manager, admin or system.</param>
/// <param name="What">
/// Which data or act: profile, status, checkins, alert (read, acknowledged or resolved), account (your role, team or
/// active state changed), api_key (one of your keys revoked), care_contacts_told (an alert about you was sent).
/// </param>
/// <param name="Detail">For acts, what was done, e.g. <c>{"level":"critical","metric":"stress","date":"2026-12-01"}</c> when your care contacts were told.</param>
public sealed record AccessLogEntry(long Id, string ReaderRole, string What, DateTime ReadAt, System.Text.Json.JsonElement? Detail);

internal sealed record AccessLogRow(long Id, string ReaderRole, string What, DateTime ReadAt, string? Detail)
{
    public AccessLogEntry ToEntry() => new(Id, ReaderRole, What, ReadAt,
        Detail is null ? null : System.Text.Json.JsonDocument.Parse(Detail).RootElement.Clone());
}
