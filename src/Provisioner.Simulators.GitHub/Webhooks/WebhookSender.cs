using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provisioner.GitHub.Webhooks;
using Provisioner.Simulators.GitHub.Rest;
using Provisioner.Simulators.GitHub.State;

namespace Provisioner.Simulators.GitHub.Webhooks;

/// <summary>Delivers webhooks as GitHub does: JSON body, event and delivery headers, HMAC-SHA256 signature of the raw body.</summary>
internal sealed class WebhookSender(SimulatorState state, SimulatorOptions options, Func<JsonShapes> shapes, HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };
    private readonly ConcurrentQueue<WebhookDelivery> deliveries = new();

    public IReadOnlyList<WebhookDelivery> Deliveries => [.. deliveries];

    public Task DeliverPullRequestClosedAsync(SimulatedRepository repo, SimulatedPullRequest pr)
    {
        string body;
        lock (state.Sync)
        {
            var s = shapes();
            body = WebhookJson(new
            {
                action = "closed",
                number = pr.Number,
                pull_request = s.PullRequest(repo, pr, forWebhook: true),
                repository = s.Repository(repo, forWebhook: true),
                organization = new { login = repo.Owner, id = repo.Id - 1, node_id = "O_" + repo.Owner, url = s.OrganizationUrl(repo.Owner), description = (string?)null },
                sender = s.User(pr.ClosedBy ?? state.ActingUser),
            });
        }

        return DeliverAsync("pull_request", body);
    }

    public Task DeliverPingAsync(SimulatedRepository repo)
    {
        string body;
        lock (state.Sync)
        {
            var s = shapes();
            body = WebhookJson(new
            {
                zen = "Keep it logically awesome.",
                hook_id = 1,
                hook = new { type = "Repository", id = 1, name = "web", active = true, events = new[] { "pull_request" }, config = new { content_type = "json", insecure_ssl = "0", url = options.WebhookUrl?.ToString() } },
                repository = s.Repository(repo, forWebhook: true),
                sender = s.User(state.ActingUser),
            });
        }

        return DeliverAsync("ping", body);
    }

    /// <summary>Serializes a payload, leaving out the null <c>permissions</c> the API shapes carry for webhooks.</summary>
    private static string WebhookJson(object payload)
    {
        var node = JsonSerializer.SerializeToNode(payload, Json)!;
        Strip(node);
        return node.ToJsonString(Json);

        static void Strip(System.Text.Json.Nodes.JsonNode? node)
        {
            if (node is System.Text.Json.Nodes.JsonObject obj)
            {
                if (obj.TryGetPropertyValue("permissions", out var p) && p is null)
                {
                    obj.Remove("permissions");
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Strip(child);
                }
            }
        }
    }

    private async Task DeliverAsync(string eventName, string body)
    {
        var id = Guid.NewGuid();
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = WebhookSignature.Sign(options.WebhookSecret, bytes);
        if (options.WebhookUrl is null)
        {
            deliveries.Enqueue(new WebhookDelivery(id, eventName, body, signature, 0, "no webhook URL configured"));
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "GitHub-Hookshot/sim0001");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", id.ToString());
        request.Headers.Add("X-GitHub-Hook-ID", "1");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", "1");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "repository");
        request.Headers.Add("X-Hub-Signature", "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(options.WebhookSecret), bytes)));
        request.Headers.Add(WebhookSignature.Header, signature);
        try
        {
            // GitHub gives a receiver 10 seconds.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await http.SendAsync(request, timeout.Token);
            deliveries.Enqueue(new WebhookDelivery(id, eventName, body, signature, (int)response.StatusCode, null));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            deliveries.Enqueue(new WebhookDelivery(id, eventName, body, signature, 0, ex.Message));
        }
    }
}
