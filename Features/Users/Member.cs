using System.Text.Json;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users;

/// <summary>A person known to Mindguard, as bot handlers of every feature need to see them.</summary>
public sealed record Member(
    Guid Id, Guid OrganisationId, Guid? TeamId, long? TelegramId, string Role, string Language,
    string TimeZone, bool Active, byte[]? DataKey, string Cadence = "daily", string? ConsentVersion = null, bool VoiceAnalysis = true,
    string? ConsentClauses = null)
{
    public Actor Actor => Actor.For(Id, OrganisationId, Role);

    public bool IsManagerOrAdmin => Role is Actor.Manager or Actor.Admin;

    /// <summary>Agreed to the consent text as it reads now; until then nothing new is collected from them.</summary>
    public bool HasConsented => ConsentVersion == Consent.ConsentText.Version;

    /// <summary>
    /// Agreed to the terms as they read now with this clause as it applies now (e.g. voice notes going to
    /// the AI server configured today). Someone who agreed before clause variants were recorded has not,
    /// unless under the clause nothing leaves Mindguard.
    /// </summary>
    public bool AgreedTo(Consent.IConsentClause clause)
    {
        if (!HasConsented) return false;
        if (clause.Variant is null) return true;
        if (ConsentClauses is null) return false;
        using var agreed = JsonDocument.Parse(ConsentClauses);
        return agreed.RootElement.ValueKind == JsonValueKind.Object
            && agreed.RootElement.TryGetProperty(clause.Name, out var variant)
            && variant.ValueKind == JsonValueKind.String
            && variant.GetString() == clause.Variant;
    }
}
