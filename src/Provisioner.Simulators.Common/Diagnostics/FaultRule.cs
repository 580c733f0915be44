using System.Text.RegularExpressions;

namespace Provisioner.Simulators.Common.Diagnostics;

/// <summary>
/// A fault for requests whose method and path match: answer with a status (and Retry-After),
/// wait, or drop the connection; <see cref="Times"/> times, then behave normally.
/// </summary>
public sealed class FaultRule
{
    private int remaining;

    /// <summary>Creates a rule for a method and a path regex (matched, anchored, against the path after the simulator's API prefix).</summary>
    public FaultRule(string method, string pathPattern, int times = 1)
    {
        Method = method;
        PathPattern = new Regex("^" + pathPattern + "$", RegexOptions.CultureInvariant);
        Times = times;
        remaining = times;
    }

    /// <summary>HTTP method to match.</summary>
    public string Method { get; }

    /// <summary>The path regex.</summary>
    public Regex PathPattern { get; }

    /// <summary>How many matching requests fail; <see cref="int.MaxValue"/> for always.</summary>
    public int Times { get; }

    /// <summary>Status to answer with instead of handling the request.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Retry-After header value in seconds, sent with <see cref="StatusCode"/>.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>A delay before the request is handled (or failed).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Drop the connection instead of answering.</summary>
    public bool DropConnection { get; init; }

    /// <summary>With <see cref="DropConnection"/>: handle the request first (its effects land) and drop the response.</summary>
    public bool AfterHandling { get; init; }

    /// <summary>Only requests whose body contains this text (e.g. an MCP tool name, <c>"create_pull_request"</c>).</summary>
    public string? BodyContains { get; init; }

    /// <summary>How many requests this rule has failed so far.</summary>
    public int Hits => Times - remaining;

    internal bool Matches(string method, string path) =>
        string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) && PathPattern.IsMatch(path);

    internal bool TryConsume(string method, string path, string? body)
    {
        if (!Matches(method, path) || (BodyContains is not null && (body is null || !body.Contains(BodyContains, StringComparison.Ordinal))))
        {
            return false;
        }

        return Interlocked.Decrement(ref remaining) >= 0 || Interlocked.Increment(ref remaining) < 0;
    }
}
