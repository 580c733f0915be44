using System.Globalization;

namespace Provisioner.Sandbox;

/// <summary>The sandbox process's command line: <c>[--webhook-url URL] [--port-base N] [--kubeconfig PATH]</c>.</summary>
/// <param name="WebhookUrl">Where GitHub's webhooks go; the runner's at its default address unless given.</param>
/// <param name="PortBase">0 for free ports, else GitHub on N, Jenkins on N+1, Kubernetes on N+2, the ingress controller on N+3.</param>
/// <param name="KubeconfigPath">Where to write the cluster's kubeconfig, if not to a temporary file.</param>
internal sealed record SandboxArguments(Uri WebhookUrl, int PortBase, string? KubeconfigPath)
{
    /// <summary>The webhook receiver of a runner started with its defaults.</summary>
    public static readonly Uri DefaultWebhookUrl = new("http://127.0.0.1:7071/api/github/webhook");

    public const string Usage = "usage: Provisioner.Sandbox [--webhook-url URL] [--port-base N] [--kubeconfig PATH]";

    /// <summary>Reads the arguments; false with what is wrong and the usage line.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SandboxArguments arguments, out string error)
    {
        arguments = new SandboxArguments(DefaultWebhookUrl, 0, null);
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--webhook-url" when Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps):
                    arguments = arguments with { WebhookUrl = url };
                    i++;
                    break;
                case "--port-base" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65532:
                    arguments = arguments with { PortBase = port };
                    i++;
                    break;
                case "--kubeconfig" when !string.IsNullOrWhiteSpace(value):
                    arguments = arguments with { KubeconfigPath = value };
                    i++;
                    break;
                case "--webhook-url":
                    error = "--webhook-url needs an http(s) URL, e.g. http://127.0.0.1:7071/api/github/webhook. " + Usage;
                    return false;
                case "--port-base":
                    error = "--port-base needs a port from 1 to 65532 (the sandbox uses it and the next three). " + Usage;
                    return false;
                case "--kubeconfig":
                    error = "--kubeconfig needs a file path. " + Usage;
                    return false;
                default:
                    error = $"Unknown argument '{args[i]}'. " + Usage;
                    return false;
            }
        }

        error = string.Empty;
        return true;
    }
}
