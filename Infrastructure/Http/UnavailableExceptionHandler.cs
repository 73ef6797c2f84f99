using Microsoft.AspNetCore.Diagnostics;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Infrastructure.Http;

/// <summary>
/// PostgreSQL or Redis briefly away is not a bug: clients get 503 with Retry-After instead of 500,
/// and the process carries on until they return.
/// </summary>
public sealed class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!TransientErrors.IsTransient(exception)) return false;
        logger.LogWarning(exception, "Storage unavailable for {Path}", context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = 503, Title = "Service Unavailable", Detail = "Storage is briefly unavailable. Please retry shortly." },
        });
    }
}
