namespace Provisioner.GitHub;

/// <summary>Tuning of the GitHub client that is not an app setting (tests shorten it).</summary>
internal sealed class GitHubClientOptions
{
    /// <summary>A throttled or failed call whose Retry-After is at most this long is waited out in-process; longer ones throw a transient error.</summary>
    public TimeSpan MaxInProcessRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times one call is tried when GitHub asks to retry after a short wait.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long connecting to the MCP server (and listing its tools) may take before REST is used.</summary>
    public TimeSpan McpConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one MCP tool call may take before REST does that step instead.</summary>
    public TimeSpan McpCallTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
