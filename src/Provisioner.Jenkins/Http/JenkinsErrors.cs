using System.Globalization;
using System.Net;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Jenkins.Http;

/// <summary>
/// Turns Jenkins' answers and transport failures into the workflow's exceptions, with a cause and a
/// fix people can act on: 401, 403, redirects and refusals are permanent; 5xx, 429, timeouts and
/// dropped connections are transient (the durable retry policy retries them). No message carries
/// the token: messages never include it, and are redacted anyway.
/// </summary>
internal sealed class JenkinsErrors(Uri baseUrl, string user, string token)
{
    public Exception ForStatus(JenkinsResponse response, string action)
    {
        var status = (int)response.Status;
        var detail = response.Error is { Length: > 0 } error ? $": {error}" : string.Empty;
        return response.Status switch
        {
            HttpStatusCode.Unauthorized => Permanent(
                $"Jenkins refused the credentials of user '{user}' (401) while trying to {action}: check JENKINS_USER / JENKINS_TOKEN (the token must be an API token of that user)."),
            HttpStatusCode.Forbidden => Permanent(
                $"Jenkins user '{user}' may not {action} (403{Missing(response)}): the Jenkins user lacks Job/Build or Item/Create permission. " +
                "Grant it Overall/Read and, on the sites folder, Job/Read, Job/Create, Job/Configure, Job/Build and Job/Cancel."),
            HttpStatusCode.TooManyRequests => new TransientIntegrationException(Redact(
                $"Jenkins is throttling requests (429) while trying to {action}.{RetryAfter(response)} The step is retried.")),
            _ when status >= 500 => new TransientIntegrationException(Redact(
                $"Jenkins answered {status} {response.Reason} while trying to {action}{detail}: it is restarting or overloaded.{RetryAfter(response)} The step is retried.")),
            _ when status is >= 300 and < 400 => Permanent(
                $"Jenkins redirected the request to {response.Header("Location") ?? "another address"} while trying to {action}: " +
                "set JENKINS_URL to Jenkins' own root URL (not a login page or a proxy that redirects)."),
            HttpStatusCode.NotFound when !response.FromJenkins => NotJenkins(action),
            _ => Permanent($"Jenkins refused to {action} ({status} {response.Reason}{detail})."),
        };
    }

    /// <summary>A 404 that did not come from Jenkins: the URL points somewhere else.</summary>
    public PermanentIntegrationException NotJenkins(string action) => Permanent(
        $"JENKINS_URL ({baseUrl}) is not a Jenkins: it answered 404 without Jenkins' X-Jenkins header while trying to {action}. " +
        "Set JENKINS_URL to Jenkins' root URL (the address of its dashboard).");

    public TransientIntegrationException Unreachable(string action, Exception cause) => new(Redact(
        $"Could not reach Jenkins at {baseUrl} while trying to {action} ({Innermost(cause)}). The step is retried."), cause);

    public TransientIntegrationException TimedOut(string action, TimeSpan timeout, Exception cause) => new(Redact(
        $"Jenkins did not answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s while trying to {action}. The step is retried."), cause);

    public PermanentIntegrationException Permanent(string message, Exception? cause = null) => new(Redact(message), cause);

    public string Redact(string message) => token.Length >= 4 ? message.Replace(token, "***", StringComparison.Ordinal) : message;

    private static string Missing(JenkinsResponse response) =>
        response.Header("X-Required-Permission") is { Length: > 0 } permission ? $", needs {permission}" : string.Empty;

    private static string RetryAfter(JenkinsResponse response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w ? $" Retry after {Math.Max(0, w.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)}s." : string.Empty;
    }

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message;
    }
}
