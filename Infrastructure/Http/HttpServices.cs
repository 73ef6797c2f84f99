using FastEndpoints;
using FastEndpoints.Swagger;
using Mindguard.Infrastructure.Metadata;
using Mindguard.Infrastructure.Security;
using NSwag;
using Scalar.AspNetCore;

namespace Mindguard.Infrastructure.Http;

public static class HttpServices
{
    public const string OpenApiPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddHttpApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration("")
            .Validate(o => o.PerMinute > 0, "API_RATE_LIMIT_PER_MINUTE must be above 0").ValidateOnStart();
        // Endpoints, validators, summaries and handlers live in this assembly only, and are found in its
        // metadata: FastEndpoints' own discovery loads every type of the assembly (see TypeIndex).
        services.AddFastEndpoints(TypeIndex.Read(typeof(HttpServices).Assembly).ConcreteTypesBuiltOn(nameof(FastEndpoints)));
        services.SwaggerDocument(o =>
        {
            o.EnableJWTBearerAuth = false;
            o.ShortSchemaNames = true;
            o.AutoTagPathSegmentIndex = 2;
            o.RemoveEmptyRequestSchema = true;
            o.DocumentSettings = s =>
            {
                s.DocumentName = "v1";
                s.Title = "Mindguard API";
                s.Version = "v1";
                s.Description = "Self-hosted team wellbeing over Telegram. Authenticate with an API key: `Authorization: Bearer mg_live_…`.";
                s.PostProcess = OpenApiContract.Tidy;
                s.AddAuth(ApiKeyAuthentication.SchemeName, new OpenApiSecurityScheme
                {
                    Type = OpenApiSecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "mg_live_…",
                    Description = "An API key created with /apikey in the bot or by an admin.",
                });
            };
        });
        return services;
    }

    public static WebApplication UseHttpApi(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<ApiRateLimiting>();
        app.UseAuthorization();
        app.UseFastEndpoints(c =>
        {
            c.Errors.UseProblemDetails();
            c.Endpoints.ShortNames = true;
        });
        app.UseLazyOpenApi(OpenApiPath);
        app.MapScalarApiReference("/scalar", o => o
            .WithTitle("Mindguard API")
            // The fonts would come from fonts.scalar.com; system fonts keep the page self-contained under its CSP.
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern(OpenApiPath)
            .AddPreferredSecuritySchemes(ApiKeyAuthentication.SchemeName)
            .AddHttpAuthentication(ApiKeyAuthentication.SchemeName, auth => auth.Token = ""));
        return app;
    }
}
