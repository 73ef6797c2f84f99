using System.Text.Json;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Users.Resources;

/// <summary>Where a person can turn, in one language: a crisis line list, the emergency number, everyday support.</summary>
public sealed record ResourceList(string Crisis, string Emergency, string Support);

/// <summary>
/// The one place every message that mentions help takes it from. Catalogue texts carry the tokens
/// <c>[[crisis]]</c>, <c>[[emergency]]</c> and <c>[[support]]</c> (not <c>{…}</c>, which string formatting would
/// read as arguments); <see cref="Fill"/> puts the list in after formatting. The defaults per language
/// are catalogue keys (resources_*); an organisation that set its own crisis resources (PATCH
/// /api/org/safety) has them in place of the default crisis list and as its everyday support, in
/// every message, not in one.
/// </summary>
public sealed class SupportResources(NpgsqlDataSource db)
{
    public const string CrisisToken = "[[crisis]]";
    public const string EmergencyToken = "[[emergency]]";
    public const string SupportToken = "[[support]]";

    private static readonly string ReadSql = Sql.Load<SupportResources>("GetOrganisationResources");

    /// <summary>The defaults, for people not (yet) in an organisation and for texts to care contacts.</summary>
    public static ResourceList Defaults(string language) => new(
        Catalogue.Instance.Get(Msg.ResourcesCrisis, language),
        Catalogue.Instance.Get(Msg.ResourcesEmergency, language),
        Catalogue.Instance.Get(Msg.ResourcesSupport, language));

    public async Task<ResourceList> ForAsync(Guid organisationId, string language, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        return await ForAsync(session, organisationId, language, ct);
    }

    /// <summary>The same, in the caller's transaction.</summary>
    public static async Task<ResourceList> ForAsync(DbSession session, Guid organisationId, string language, CancellationToken ct)
    {
        var defaults = Defaults(language);
        var json = await session.Connection.QuerySingleOrDefaultAsync<string?>(session.Command(ReadSql, new { organisationId }, ct));
        var own = json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        return own is not null && own.TryGetValue(Catalogue.Normalise(language), out var text) && !string.IsNullOrWhiteSpace(text)
            ? defaults with { Crisis = text.Trim(), Support = text.Trim() }
            : defaults;
    }

    /// <summary>A catalogue message, formatted, with the resources put in place of their tokens.</summary>
    public static string Text(ResourceList resources, string key, string language, params object[] args) =>
        Fill(Catalogue.Instance.Get(key, language, args), resources);

    public static string Fill(string text, ResourceList resources) => text
        .Replace(CrisisToken, resources.Crisis)
        .Replace(EmergencyToken, resources.Emergency)
        .Replace(SupportToken, resources.Support);
}
