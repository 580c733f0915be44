using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Api;

/// <summary>RFC 9457 problem details, with the bad fields and their fixes as the <c>errors</c> extension.</summary>
/// <param name="Type">A URI naming the kind of problem.</param>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What happened this time.</param>
/// <param name="Instance">The resource the problem is about, when there is one.</param>
/// <param name="Errors">One entry per bad field.</param>
/// <param name="ProvisionId">The provision the problem is about (e.g. the one already running).</param>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Instance = null,
    IReadOnlyList<FieldError>? Errors = null,
    string? ProvisionId = null)
{
    /// <summary>The media type of problem details.</summary>
    public const string ContentType = "application/problem+json";

    internal ApiResponse ToResponse(IReadOnlyDictionary<string, string>? headers = null) =>
        new(Status, ContentType, ApiJson.Serialize(this), headers ?? new Dictionary<string, string>());

    internal static Problem Validation(IReadOnlyList<FieldError> errors) => new(
        "urn:provisioner:problem:invalid-request",
        "The request is not valid.",
        400,
        errors.Count == 1
            ? $"{errors[0].Field}: {errors[0].Message} Nothing was started."
            : $"{errors.Count} fields are not valid ({string.Join(", ", errors.Select(e => e.Field).Distinct())}). Nothing was started.",
        Errors: errors);

    internal static Problem NotFound(string what, string instance) => new(
        "urn:provisioner:problem:not-found",
        "Not found.",
        404,
        $"No {what} has the id in {instance}.",
        instance);
}
