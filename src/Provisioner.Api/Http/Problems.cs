using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Workflow.Validation;

namespace Provisioner.Api;

/// <summary>
/// RFC 9457 problem details as the API sends them: a <c>urn:provisioner:problem:…</c> type, one
/// entry per bad field in the <c>errors</c> extension (field, message, fix) and, when the problem
/// is about a provision, its id as <c>provision_id</c>.
/// </summary>
public static class Problems
{
    /// <summary>The media type of problem details.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>A problem of kind <paramref name="kind"/> (the last part of its type URN).</summary>
    public static ProblemHttpResult Of(
        string kind, string title, int status, string detail, string? instance = null, IReadOnlyList<FieldError>? errors = null, string? provisionId = null)
    {
        var problem = new ProblemDetails { Type = "urn:provisioner:problem:" + kind, Title = title, Status = status, Detail = detail, Instance = instance };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        if (provisionId is not null)
        {
            problem.Extensions["provision_id"] = provisionId;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>400: the request's fields, each with what is wrong and the fix.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<FieldError> errors, string consequence = "Nothing was started.") => Of(
        "invalid-request",
        "The request is not valid.",
        StatusCodes.Status400BadRequest,
        errors.Count == 1
            ? $"{errors[0].Field}: {errors[0].Message} {consequence}"
            : $"{errors.Count} fields are not valid ({string.Join(", ", errors.Select(e => e.Field).Distinct())}). {consequence}",
        errors: errors);

    /// <summary>404: nothing has the id in <paramref name="instance"/>.</summary>
    public static ProblemHttpResult NotFound(string what, string instance) =>
        Of("not-found", "Not found.", StatusCodes.Status404NotFound, $"No {what} has the id in {instance}.", instance);

    /// <summary>413: a body over <paramref name="maxBytes"/>.</summary>
    public static ProblemHttpResult TooLarge(int maxBytes) =>
        Of("too-large", "The request body is too large.", StatusCodes.Status413PayloadTooLarge, $"The body is larger than {maxBytes} bytes.");

    /// <summary>415: a body that is not declared as JSON.</summary>
    public static ProblemHttpResult NotJson(string? contentType) => Of(
        "unsupported-media-type",
        "The request body must be JSON.",
        StatusCodes.Status415UnsupportedMediaType,
        $"The Content-Type is {(string.IsNullOrEmpty(contentType) ? "missing" : $"'{ClientText.Shorten(contentType)}'")}; send the body as JSON with Content-Type: application/json.");
}
