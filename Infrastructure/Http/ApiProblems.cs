namespace Mindguard.Infrastructure.Http;

/// <summary>The ProblemDetails answers endpoints give most often, each with the request's trace id.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail = "There is no such resource, or it is not yours to see.") =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);

    public static IResult Forbidden(string detail = "Your role does not allow this operation.") =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
