using System.Security.Cryptography;
using System.Text;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Users.Consent;

/// <summary>
/// What a feature adds to the consent text about its own data leaving Mindguard (voice: the AI server,
/// or that there is none). Its wording must come from <see cref="ConsentText.Keys"/>, so that a change
/// of it asks everyone again. <see cref="Variant"/> says which of its wordings applies in this deployment
/// (e.g. <c>ai:api.example.com</c>); it is stored with a person's agreement, so a feature can tell whether
/// they agreed to the variant in force before it sends their data anywhere.
/// </summary>
public interface IConsentClause
{
    /// <summary>A short, stable key for the clause (e.g. <c>voice</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Which of the clause's wordings applies now; null when under it nothing leaves Mindguard (no AI
    /// server), which agreeing to the terms at all covers.
    /// </summary>
    string? Variant { get; }

    string Text(string language);
}

/// <summary>
/// The terms a person agrees to before anything about them is stored. <see cref="Version"/> is a
/// fingerprint of their wording in every language, every clause variant included, so any change to
/// the text in the catalogue asks everyone again before their next check-in, with no number to forget
/// to bump. Which variant of a clause applies (an AI server configured or not, and which) is not part of
/// the version, so setting up or moving the AI server does not hold up everyone's check-ins: the variant
/// a person agreed to is stored beside the version (<see cref="Member.AgreedTo"/>), and the feature
/// concerned asks again before it sends their data to a server they were not told about.
/// </summary>
public static class ConsentText
{
    public static readonly IReadOnlyList<string> Keys = [Msg.ConsentText, Msg.ConsentVoiceAi, Msg.ConsentVoiceNone];

    public static string Version { get; } = Fingerprint();

    /// <summary>The terms in one language, with the features' clauses, the anonymity threshold and the help lines filled in.</summary>
    public static string Render(string language, IEnumerable<IConsentClause> clauses, int anonymityK, ResourceList resources) =>
        SupportResources.Fill(
            Catalogue.Instance.Get(Msg.ConsentText, language, string.Join("\n\n", clauses.Select(c => c.Text(language))), anonymityK),
            resources);

    private static string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (var key in Keys)
            foreach (var language in Catalogue.Languages)
                text.Append(key).Append('\0').Append(language).Append('\0').Append(Catalogue.Instance.Get(key, language)).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
