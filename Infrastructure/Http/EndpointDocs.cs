using Microsoft.AspNetCore.Mvc;

namespace Mindguard.Infrastructure.Http;

public static class EndpointDocs
{
    /// <summary>Declares the ProblemDetails answers an operation can give, for the OpenAPI contract.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes) builder.ProducesProblem(status);
        return builder;
    }
}
