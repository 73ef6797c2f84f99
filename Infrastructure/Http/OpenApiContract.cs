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
        }
    }
}
