namespace Provisioner.Simulators.GitHub;

/// <summary>How a <see cref="GitHubSimulator"/> behaves.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Tokens the REST API and MCP endpoint accept (as <c>token X</c> or <c>Bearer X</c>).</summary>
    public HashSet<string> Tokens { get; } = new(StringComparer.Ordinal) { "sim-token" };

    /// <summary>
    /// The user a token acts as when it merges or closes a pull request (e.g. a reviewer's token);
    /// tokens not listed act as <see cref="State.SimulatorState.ActingUser"/>.
    /// </summary>
    public Dictionary<string, string> TokenUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Where merges and closes deliver the <c>pull_request</c> webhook: the URL of each repository's one hook
    /// (<c>GET /repos/{owner}/{repo}/hooks</c>), read at each delivery. Null: no hook, and nothing is delivered.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The webhook secret that signs deliveries (<c>X-Hub-Signature-256</c>).</summary>
    public string WebhookSecret { get; set; } = "sim-webhook-secret";

    /// <summary>MCP tools to leave out of the advertised list (to test clients that must fall back).</summary>
    public HashSet<string> DisabledMcpTools { get; } = new(StringComparer.Ordinal);

    /// <summary>Page size used when a list request gives no <c>per_page</c> (GitHub: 30).</summary>
    public int DefaultPageSize { get; set; } = 30;
}
