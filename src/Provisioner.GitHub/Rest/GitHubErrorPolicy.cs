using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Octokit;
using Provisioner.Workflow.Integrations;

namespace Provisioner.GitHub.Rest;

/// <summary>
/// Runs one GitHub REST call and turns its failures into the workflow's exceptions: throttling and
/// server errors are transient (a short Retry-After is waited out here), bad credentials, missing
/// repositories and refused changes are permanent with a runbook cause. No message carries the token.
/// </summary>
internal sealed class GitHubErrorPolicy(GitHubClientOptions options, ILogger logger, string repository, string secretToRedact)
{
    public const string Runbook = "Check the GitHub token's scopes (contents and pull requests: write, members: read), the repository's branch protection and the MCP server's availability.";

    public async Task<T> RunAsync<T>(string action, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call();
            }
            catch (ApiException ex) when (IsTransient(ex))
            {
                var retryAfter = RetryAfter(ex);
                var status = (int)ex.StatusCode;
                if (retryAfter is { } wait && wait <= options.MaxInProcessRetryAfter && attempt < options.MaxAttempts)
                {
                    logger.LogWarning("GitHub answered {Status} to {Action} on {Repository}; retrying in {Seconds}s as Retry-After asks.", status, action, repository, wait.TotalSeconds);
                    await Task.Delay(wait, cancellationToken);
                    continue;
                }

                var after = retryAfter is { } w ? $" Retry after {w.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}s." : string.Empty;
                throw new TransientIntegrationException(Redact($"GitHub is unavailable or throttling: {action} on {repository} answered {status} ({ex.Message}).{after}"), ex);
            }
            catch (ApiException ex)
            {
                throw Permanent(action, ex);
            }
            catch (HttpRequestException ex)
            {
                throw new TransientIntegrationException(Redact($"Could not reach GitHub: {action} on {repository} failed in transport ({ex.Message})."), ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TransientIntegrationException($"GitHub did not answer in time: {action} on {repository} timed out.", ex);
            }
        }
    }

    public PermanentIntegrationException Permanent(string action, ApiException ex)
    {
        var status = (int)ex.StatusCode;
        var what = ex.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "GitHub refused the credentials (401 Bad credentials)",
            HttpStatusCode.NotFound => $"GitHub found no such repository or object (404), or the token cannot see {repository}",
            HttpStatusCode.Forbidden => "GitHub refused the request (403): the token lacks a permission or a rule forbids it",
            HttpStatusCode.UnprocessableEntity => $"GitHub rejected the change (422 {ValidationDetail(ex)})",
            _ => $"GitHub answered {status} ({ex.Message})",
        };
        return new PermanentIntegrationException(Redact($"{what} while trying to {action} on {repository}. {Runbook}"), ex);
    }

    public PermanentIntegrationException Permanent(string cause) => new(Redact($"{cause} {Runbook}"));

    public string Redact(string message) =>
        secretToRedact.Length >= 4 ? message.Replace(secretToRedact, "***", StringComparison.Ordinal) : message;

    public static string ValidationDetail(ApiException ex)
    {
        var errors = ex.ApiError?.Errors?.Select(e => e.Message ?? e.Code).Where(m => !string.IsNullOrEmpty(m)).ToList();
        return errors is { Count: > 0 } ? $"{ex.Message}: {string.Join("; ", errors)}" : ex.Message;
    }

    private static bool IsTransient(ApiException ex) =>
        (int)ex.StatusCode >= 500
        || (int)ex.StatusCode == 429
        || ex is RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException
        || (ex.StatusCode == HttpStatusCode.Forbidden && HasRetryAfter(ex));

    private static bool HasRetryAfter(ApiException ex) =>
        ex.HttpResponse?.Headers is { } headers && headers.Keys.Any(k => k.Equals("Retry-After", StringComparison.OrdinalIgnoreCase));

    private static TimeSpan? RetryAfter(ApiException ex)
    {
        if (ex is AbuseException { RetryAfterSeconds: { } abuse })
        {
            return TimeSpan.FromSeconds(abuse);
        }

        var headers = ex.HttpResponse?.Headers;
        var value = headers?.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value;
        if (value is not null)
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(0, seconds));
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                var wait = when - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        if (ex is RateLimitExceededException limit)
        {
            var wait = limit.Reset - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
