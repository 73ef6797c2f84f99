using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users;

/// <summary>A person known to Mindguard, as bot handlers of every feature need to see them.</summary>
public sealed record Member(
    Guid Id, Guid OrganisationId, Guid? TeamId, long? TelegramId, string Role, string Language,
    string TimeZone, bool Active, byte[]? DataKey, string Cadence = "daily")
{
    public Actor Actor => Actor.For(Id, OrganisationId, Role);

    public bool IsManagerOrAdmin => Role is Actor.Manager or Actor.Admin;
}
