using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Common.Hosting;

namespace Provisioner.GitHub.Tests.Support;

/// <summary>A loopback Kestrel endpoint that records each delivery's raw body and headers, and answers <see cref="StatusCode"/>.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>What the receiver answers (204 unless changed).</summary>
    public int StatusCode { get; set; } = StatusCodes.Status204NoContent;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var app = SimulatorHosting.CreateLoopbackBuilder(port: 0).Build();
        WebhookReceiver? self = null;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            self!.received.Enqueue(new ReceivedWebhook(body.ToArray(), headers));
            return Results.StatusCode(self.StatusCode);
        });
        await app.StartAsync();
        self = new WebhookReceiver(app, new Uri(app.BaseUrl(), "hook"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers);
