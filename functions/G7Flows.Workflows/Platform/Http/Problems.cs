using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>Every error G7Flows answers, as RFC 9457 problem details (application/problem+json), from one place.</summary>
public static class Problems
{
    private const string TypeBase = "https://g7flows.dev/problems/";

    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Type = TypeBase + "validation",
            Detail = detail ?? "See 'errors' for what to correct.",
        });

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "Authentication is required.", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "forbidden", "You may not do this.", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static IResult Conflict(string type, string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status409Conflict, type, "The request conflicts with the consultation's state.", detail, extensions);

    public static IResult PayloadTooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.", $"Request bodies are limited to {limit} bytes.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body must be JSON.", "Send 'Content-Type: application/json'.");

    public static IResult Unavailable(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "Storage is not answering.", detail, extensions);

    public static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeBase + type, Title = title, Detail = detail };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return TypedResults.Problem(problem);
    }
}
