namespace Provisioner.Simulators.GitHub.State;

/// <summary>A GitHub error response: status code, message and optional validation errors.</summary>
internal sealed class GitHubApiError(int status, string message, string documentationUrl, IReadOnlyList<object>? errors = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public string DocumentationUrl { get; } = documentationUrl;

    public IReadOnlyList<object>? Errors { get; } = errors;

    public static GitHubApiError NotFound(string doc) => new(404, "Not Found", doc);

    public static GitHubApiError Unprocessable(string message, string doc, IReadOnlyList<object>? errors = null) =>
        new(422, message, doc, errors);
}
