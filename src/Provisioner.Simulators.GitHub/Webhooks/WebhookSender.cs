using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provisioner.GitHub.Webhooks;
using Provisioner.Simulators.GitHub.Rest;
using Provisioner.Simulators.GitHub.State;

namespace Provisioner.Simulators.GitHub.Webhooks;

/// <summary>
/// Delivers webhooks as GitHub does: JSON body, event and delivery headers, HMAC-SHA256 signature of the raw body;
/// records every attempt, and redelivers one on request (GitHub never retries a failed delivery by itself).
/// </summary>
internal sealed class WebhookSender(SimulatorState state, SimulatorOptions options, Func<JsonShapes> shapes, HttpClient http)
{
    /// <summary>The id of the one repository webhook the simulator has while <see cref="SimulatorOptions.WebhookUrl"/> is set.</summary>
    public const long HookId = 1;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };
    private readonly ConcurrentQueue<WebhookDelivery> deliveries = new();
    private readonly List<Task> redeliveries = [];
    private long lastDeliveryId;

    public IReadOnlyList<WebhookDelivery> Deliveries => [.. deliveries];

    /// <summary>When the hook was created (the simulator's start).</summary>
    public DateTimeOffset HookCreatedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The attempts the repository's hook made, newest first (deliveries with no webhook URL were never made).</summary>
    public IReadOnlyList<WebhookDelivery> HookDeliveries(long repositoryId) =>
        [.. deliveries.Where(d => d.RepositoryId == repositoryId && d.Url is not null).Reverse()];

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

        return DeliverAsync(new Payload("pull_request", "closed", repo.Id, body), Guid.NewGuid(), redelivery: false);
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
                hook_id = HookId,
                hook = s.Hook(repo, options.WebhookUrl, options.WebhookSecret, HookCreatedAt, lastDelivery: null),
                repository = s.Repository(repo, forWebhook: true),
                sender = s.User(state.ActingUser),
            });
        }

        return DeliverAsync(new Payload("ping", null, repo.Id, body), Guid.NewGuid(), redelivery: false);
    }

    /// <summary>
    /// Starts delivering an earlier delivery of the repository's hook again, to the hook's current URL,
    /// with the same body and <c>X-GitHub-Delivery</c> GUID, signed again; false when there is no such delivery.
    /// </summary>
    public bool TryRedeliver(long repositoryId, long deliveryId)
    {
        var original = HookDeliveries(repositoryId).FirstOrDefault(d => d.DeliveryId == deliveryId);
        if (original is null)
        {
            return false;
        }

        var payload = new Payload(original.Event, original.Action, original.RepositoryId, original.Body);
        lock (redeliveries)
        {
            redeliveries.RemoveAll(t => t.IsCompleted);
            redeliveries.Add(Task.Run(() => DeliverAsync(payload, original.Id, redelivery: true)));
        }

        return true;
    }

    /// <summary>Waits for redeliveries under way (each gives up after GitHub's 10 seconds).</summary>
    public Task RedeliveriesDoneAsync()
    {
        lock (redeliveries)
        {
            return Task.WhenAll(redeliveries);
        }
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

    private async Task DeliverAsync(Payload payload, Guid guid, bool redelivery)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.Body);
        var signature = WebhookSignature.Sign(options.WebhookSecret, bytes);
        var url = options.WebhookUrl;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        WebhookDelivery Record(int statusCode, string status, string? error) => new()
        {
            Id = guid,
            DeliveryId = Interlocked.Increment(ref lastDeliveryId),
            Event = payload.Event,
            Action = payload.Action,
            RepositoryId = payload.RepositoryId,
            Body = payload.Body,
            Signature256 = signature,
            Url = url,
            Redelivery = redelivery,
            DeliveredAt = started,
            Duration = clock.Elapsed,
            StatusCode = statusCode,
            Status = status,
            Error = error,
        };

        if (url is null)
        {
            deliveries.Enqueue(Record(0, "no webhook URL configured", "no webhook URL configured"));
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "GitHub-Hookshot/sim0001");
        request.Headers.Add("X-GitHub-Event", payload.Event);
        request.Headers.Add("X-GitHub-Delivery", guid.ToString());
        request.Headers.Add("X-GitHub-Hook-ID", HookId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", payload.RepositoryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "repository");
        request.Headers.Add("X-Hub-Signature", "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(options.WebhookSecret), bytes)));
        request.Headers.Add(WebhookSignature.Header, signature);
        try
        {
            // GitHub gives a receiver 10 seconds.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await http.SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            deliveries.Enqueue(Record(code, response.IsSuccessStatusCode ? "OK" : $"Invalid HTTP Response: {code}", null));
        }
        catch (OperationCanceledException ex)
        {
            deliveries.Enqueue(Record(0, "timed out", ex.Message));
        }
        catch (HttpRequestException ex)
        {
            deliveries.Enqueue(Record(0, "failed to connect to host", ex.Message));
        }
    }

    /// <summary>What a delivery sends, kept so that it can be sent again.</summary>
    private sealed record Payload(string Event, string? Action, long RepositoryId, string Body);
}
