namespace Mindguard.Infrastructure.Http;

/// <summary>
/// Serves the OpenAPI document with NSwag's middleware, built on the first request for it.
/// </summary>
/// <remarks>
/// Built with the app, NSwag's middleware resolves its document generator at start-up, loading NSwag's
/// generator, Newtonsoft.Json and Microsoft.CSharp into every replica for a document that integrators and
/// admins read now and then (about 2 MB of idle memory, bench/README.md).
/// </remarks>
public static class LazyOpenApi
{
    /// <param name="path">The document's route, e.g. <c>/openapi/{documentName}.json</c>: everything under its first segment goes to NSwag.</param>
    public static IApplicationBuilder UseLazyOpenApi(this IApplicationBuilder app, string path)
    {
        var under = new PathString(path[..path.IndexOf('/', 1)]);
        var document = new Lazy<RequestDelegate>(() =>
        {
            var branch = app.New();
            branch.UseOpenApi(o => o.Path = path);
            // A path under it that names no document ends in the branch's 404.
            return branch.Build();
        });
        return app.Use((context, next) => context.Request.Path.StartsWithSegments(under) ? document.Value(context) : next(context));
    }
}
