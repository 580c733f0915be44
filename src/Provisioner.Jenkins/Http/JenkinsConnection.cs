using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Provisioner.Jenkins.Builds;

namespace Provisioner.Jenkins.Http;

/// <summary>
/// One call's conversation with Jenkins: basic auth with the API token, its own web session (cookie
/// jar) and CSRF crumb. Every URL is built from JENKINS_URL (never from addresses Jenkins returns),
/// so the token goes nowhere else. The crumb is fetched before the first POST and sent with every
/// POST; a 403 "No valid crumb" (the session expired or Jenkins restarted) starts a new session,
/// fetches a new crumb and retries once. A Jenkins without a crumb issuer (404) needs none.
/// </summary>
internal sealed class JenkinsConnection(HttpClient http, Uri baseUrl, string user, string token, TimeSpan attemptTimeout, ILogger logger)
{
    /// <summary>The named client: no cookies of its own (each connection keeps its session), no redirects, a timeout per attempt.</summary>
    public const string HttpClientName = "Provisioner.Jenkins";

    private const int MaxBodyChars = 4 * 1024 * 1024;
    private readonly AuthenticationHeaderValue authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + token)));
    private CookieContainer cookies = new();
    private CrumbJson? crumb;
    private bool crumbFetched;

    public JenkinsErrors Errors { get; } = new(baseUrl, user, token);

    public Uri BaseUrl => baseUrl;

    /// <summary>An absolute URL under JENKINS_URL.</summary>
    public string Url(string relative) => new Uri(baseUrl, relative).ToString();

    public Task<JenkinsResponse> GetAsync(string relative, string action, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, relative, null, action, cancellationToken);

    /// <summary>POSTs with the crumb; refetches it once when Jenkins says it is not valid.</summary>
    public async Task<JenkinsResponse> PostAsync(string relative, Func<HttpContent> content, string action, CancellationToken cancellationToken)
    {
        await EnsureCrumbAsync(action, cancellationToken);
        var response = await SendAsync(HttpMethod.Post, relative, content, action, cancellationToken);
        if (!IsCrumbRefusal(response))
        {
            return response;
        }

        logger.LogInformation("Jenkins refused the crumb while trying to {Action}; starting a new session and fetching a new crumb.", action);
        cookies = new CookieContainer();
        crumbFetched = false;
        await EnsureCrumbAsync(action, cancellationToken);
        response = await SendAsync(HttpMethod.Post, relative, content, action, cancellationToken);
        return IsCrumbRefusal(response)
            ? throw Errors.Permanent(
                $"Jenkins refused the CSRF crumb twice while trying to {action} (403 No valid crumb was included in the request): " +
                "a proxy between Provisioner and Jenkins may drop the session cookie or the crumb header; let both through.")
            : response;
    }

    /// <summary>Throws the mapped failure unless the status is one of <paramref name="expected"/> (any 2xx when none is given).</summary>
    public JenkinsResponse Expect(JenkinsResponse response, string action, params HttpStatusCode[] expected) =>
        (expected.Length == 0 ? response.IsSuccess : expected.Contains(response.Status)) ? response : throw Errors.ForStatus(response, action);

    /// <summary>Reads a JSON answer; something else (a proxy's page) is a permanent error.</summary>
    public T Json<T>(JenkinsResponse response, string action)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, JenkinsJson.Options)
                ?? throw new JsonException("The answer was null.");
        }
        catch (JsonException ex)
        {
            throw Errors.Permanent(
                $"Jenkins answered {(int)response.Status} with something that is not its JSON API while trying to {action}: " +
                "set JENKINS_URL to Jenkins' root URL.", ex);
        }
    }

    /// <summary>Streams a console log, keeping only its tail; null when the build is gone (404).</summary>
    public async Task<IReadOnlyList<string>?> ReadConsoleTailAsync(string relative, ConsoleTail tail, string action, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(attemptTimeout);
        using var request = Request(HttpMethod.Get, relative, null);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound && response.Headers.Contains("X-Jenkins"))
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Errors.ForStatus(await ReadAsync(response, timeout.Token), action);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await tail.ReadAsync(stream, timeout.Token);
        }
        catch (Exception ex) when (Transport(ex, action, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private async Task<JenkinsResponse> SendAsync(HttpMethod method, string relative, Func<HttpContent>? content, string action, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(attemptTimeout);
        using var request = Request(method, relative, content);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return await ReadAsync(response, timeout.Token);
        }
        catch (Exception ex) when (Transport(ex, action, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string relative, Func<HttpContent>? content)
    {
        var uri = new Uri(baseUrl, relative);
        var request = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
        request.Headers.Authorization = authorization;
        if (method == HttpMethod.Post && crumb is { CrumbRequestField: { Length: > 0 } field, Crumb: { Length: > 0 } value })
        {
            request.Headers.TryAddWithoutValidation(field, value);
        }

        var cookieHeader = cookies.GetCookieHeader(uri);
        if (cookieHeader.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }

        return request;
    }

    private async Task<JenkinsResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies) && response.RequestMessage?.RequestUri is { } uri)
        {
            foreach (var value in setCookies)
            {
                cookies.SetCookies(uri, value);
            }
        }

        // Bodies Provisioner reads (JSON it asked for with ?tree=, config.xml, error pages) are small: read at most a few MiB of any.
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        var body = new StringBuilder();
        var chunk = new char[8192];
        int count;
        while (body.Length < MaxBodyChars && (count = await reader.ReadAsync(chunk, cancellationToken)) > 0)
        {
            body.Append(chunk, 0, count);
        }

        return new JenkinsResponse(response.StatusCode, response.ReasonPhrase, response.Headers, body.ToString());
    }

    private async Task EnsureCrumbAsync(string action, CancellationToken cancellationToken)
    {
        if (crumbFetched)
        {
            return;
        }

        var response = await GetAsync("crumbIssuer/api/json", "fetch a CSRF crumb", cancellationToken);
        crumb = response.Status == HttpStatusCode.NotFound && response.FromJenkins
            ? null
            : Json<CrumbJson>(Expect(response, $"fetch a CSRF crumb (to {action})"), "fetch a CSRF crumb");
        crumbFetched = true;
    }

    private static bool IsCrumbRefusal(JenkinsResponse response) =>
        response.Status == HttpStatusCode.Forbidden && response.Body.Contains("No valid crumb", StringComparison.Ordinal);

    /// <summary>Transport failures: all transient, except the caller's own cancellation (rethrown as is).</summary>
    private Exception? Transport(Exception exception, string action, CancellationToken cancellationToken) => exception switch
    {
        TimeoutRejectedException => Errors.TimedOut(action, attemptTimeout, exception),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => Errors.TimedOut(action, attemptTimeout, exception),
        HttpRequestException or IOException => Errors.Unreachable(action, exception),
        _ => null,
    };
}
