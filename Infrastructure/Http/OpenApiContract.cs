using NJsonSchema;
using NSwag;

namespace Mindguard.Infrastructure.Http;

/// <summary>
/// Final touches so the document passes a standard linter's recommended rules: integrators generate
/// clients from it, so it is treated as a contract.
/// </summary>
public static class OpenApiContract
{
    public static void Tidy(OpenApiDocument document)
    {
        document.Info.License = new OpenApiLicense { Name = "Proprietary, self-hosted" };
        // ProblemDetails' extension members (traceId, errors) may be anything: say so without "nullable" on a typeless schema.
        if (document.Components.Schemas.TryGetValue("ProblemDetails", out var problem))
        {
            problem.AdditionalPropertiesSchema = new JsonSchema();
            DescribeBareClientErrors(document, problem);
        }
    }

    /// <summary>
    /// FastEndpoints adds a 401/403 to every endpoint with roles but declares no body for them, while the
    /// API key scheme answers both as ProblemDetails (ApiKeyAuthentication). Integrators generate error
    /// handling from the document, so every 4xx says what it really carries.
    /// </summary>
    private static void DescribeBareClientErrors(OpenApiDocument document, JsonSchema problem)
    {
        var answers = document.Paths.Values
            .SelectMany(path => path.Values)
            .SelectMany(operation => operation.Responses)
            .Where(r => r.Key.StartsWith('4') && !r.Value.Content.ContainsKey("application/problem+json"));
        foreach (var (_, response) in answers)
        {
            response.Content["application/problem+json"] = new OpenApiMediaType { Schema = new JsonSchema { Reference = problem } };
        }
    }
}
