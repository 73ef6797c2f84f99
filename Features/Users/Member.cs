using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users;

/// <summary>A person known to Mindguard, as bot handlers of every feature need to see them.</summary>
public sealed record Member(
    Guid Id, Guid OrganisationId, Guid? TeamId, long? TelegramId, string Role, string Language,
    string TimeZone, bool Active, byte[]? DataKey, string Cadence = "daily", string? ConsentVersion = null, bool VoiceAnalysis = true)
{
    public Actor Actor => Actor.For(Id, OrganisationId, Role);

    public bool IsManagerOrAdmin => Role is Actor.Manager or Actor.Admin;

    /// <summary>Agreed to the consent text as it reads now; until then nothing new is collected from them.</summary>
    public bool HasConsented => ConsentVersion == Consent.ConsentText.Version;
}
