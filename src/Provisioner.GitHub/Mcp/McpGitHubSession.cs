using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Provisioner.GitHub.Mcp;

/// <summary>
/// A connection to a GitHub MCP server (github/github-mcp-server tool names) with the tools it advertises.
/// Every call reports failure instead of throwing, so the caller can fall back to REST.
/// </summary>
internal sealed class McpGitHubSession : IAsyncDisposable
{
    private readonly McpClient client;
    private readonly IReadOnlyDictionary<string, Tool> tools;
    private readonly ILogger logger;
    private readonly Func<string, string> redact;
    private readonly TimeSpan callTimeout;

    private McpGitHubSession(McpClient client, IReadOnlyDictionary<string, Tool> tools, ILogger logger, Func<string, string> redact, TimeSpan callTimeout)
    {
        this.callTimeout = callTimeout;
        this.client = client;
        this.tools = tools;
        this.logger = logger;
        this.redact = redact;
    }

    /// <summary>Connects and lists the tools, or returns null (logged) when the server cannot be used.</summary>
    public static async Task<McpGitHubSession?> TryConnectAsync(
        Uri endpoint, string token, TimeSpan timeout, TimeSpan callTimeout, ILoggerFactory loggerFactory, Func<string, string> redact, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger<McpGitHubSession>();
        McpClient? client = null;
        HttpClientTransport? transport = null;
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(timeout);
            transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                ConnectionTimeout = timeout,
                // The hosted GitHub MCP server authenticates the caller with the same token.
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            }, loggerFactory);
            client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new Implementation { Name = "provisioner", Version = "1.0.0" } }, loggerFactory, connect.Token);
            var listed = await client.ListToolsAsync(cancellationToken: connect.Token);
            var byName = listed.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ProtocolTool, StringComparer.Ordinal);
            logger.LogInformation("GitHub MCP server at {Endpoint} advertises {Count} tools.", endpoint, byName.Count);
            return new McpGitHubSession(client, byName, logger, redact, callTimeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("GitHub MCP server at {Endpoint} is unavailable ({Error}); using the REST API.", endpoint, redact(ex.Message));
            if (client is not null)
            {
                await client.DisposeAsync();
            }
            else if (transport is not null)
            {
                await transport.DisposeAsync();
            }

            return null;
        }
    }

    public bool Has(string tool) => tools.ContainsKey(tool);

    /// <summary>True when the tool is advertised and its input schema names the argument.</summary>
    public bool Accepts(string tool, string argument) =>
        tools.TryGetValue(tool, out var t)
        && t.InputSchema.ValueKind == JsonValueKind.Object
        && t.InputSchema.TryGetProperty("properties", out var properties)
        && properties.ValueKind == JsonValueKind.Object
        && properties.TryGetProperty(argument, out _);

    /// <summary>Calls a tool; returns its text result, or null when the tool is missing, failed, or the transport did.</summary>
    public async Task<string?> TryCallAsync(string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        if (!Has(tool))
        {
            logger.LogWarning("GitHub MCP server does not advertise {Tool}; using the REST API.", tool);
            return null;
        }

        if (Accepts(tool, "show_ui"))
        {
            // Newer servers render a form unless told to act at once.
            arguments["show_ui"] = false;
        }

        try
        {
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            call.CancelAfter(callTimeout);
            var result = await client.CallToolAsync(tool, arguments, cancellationToken: call.Token);
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
            if (result.IsError == true)
            {
                logger.LogWarning("GitHub MCP tool {Tool} failed ({Error}); using the REST API.", tool, redact(text));
                return null;
            }

            return text;
        }
        catch (Exception ex) when (ex is McpException or HttpRequestException or TimeoutException or JsonException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("GitHub MCP call {Tool} failed in transport ({Error}); using the REST API.", tool, redact(ex.Message));
            return null;
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
