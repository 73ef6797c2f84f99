using System.Text.Json;

namespace Mindguard.Features.Users.Consent;

/// <summary>
/// The features' clauses as they apply in this deployment, in the form stored with each agreement
/// (<c>{"voice":"ai:api.example.com"}</c>), so that what a person agreed to can later be compared with
/// what applies then.
/// </summary>
public sealed class ConsentClauses(IEnumerable<IConsentClause> clauses)
{
    private readonly IConsentClause[] _clauses = [.. clauses];

    /// <summary>Every clause's variant in force now, as JSON for <c>users.consent_clauses</c>.</summary>
    public string InForce => JsonSerializer.Serialize(_clauses.Where(c => c.Variant is not null).ToDictionary(c => c.Name, c => c.Variant));

    /// <summary>The terms as they read now, every clause included: what /privacy can say they agreed to.</summary>
    public bool AllAgreedBy(Member member) => member.HasConsented && _clauses.All(member.AgreedTo);
}
