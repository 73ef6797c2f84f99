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

/// <summary>Someone other than you read your data.</summary>
/// <param name="ReaderRole">manager, admin or system.</param>
/// <param name="What">Which data: profile, status, checkins, alert.</param>
public sealed record AccessLogEntry(long Id, string ReaderRole, string What, DateTime ReadAt);
