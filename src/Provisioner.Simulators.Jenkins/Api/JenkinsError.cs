using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>How Jenkins renders an error.</summary>
internal enum JenkinsErrorStyle
{
    /// <summary>The servlet container's error page (<c>sendError</c>, Stapler's <c>HttpResponses.error…</c>).</summary>
    ErrorPage,

    /// <summary>A <c>hudson.model.Failure</c>: 400 with an <c>X-Error</c> header and Jenkins' error view.</summary>
    Failure,

    /// <summary>An <c>AccessDeniedException3</c>: 403 with the permission headers.</summary>
    AccessDenied,
}

/// <summary>An error a handler answers with, shaped as Jenkins answers it.</summary>
internal sealed class JenkinsError(int status, string message, JenkinsErrorStyle style, JenkinsPermission? permission = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public JenkinsErrorStyle Style { get; } = style;

    public JenkinsPermission? Permission { get; } = permission;

    public static JenkinsError NotFound() => new(404, "Not Found", JenkinsErrorStyle.ErrorPage);

    public static JenkinsError Failure(string message) => new(400, message, JenkinsErrorStyle.Failure);

    public static JenkinsError Page(int status, string message) => new(status, message, JenkinsErrorStyle.ErrorPage);

    public static JenkinsError Denied(string user, JenkinsPermission permission) =>
        new(403, $"{user} is missing the {permission.Title} permission", JenkinsErrorStyle.AccessDenied, permission);
}
