using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Provisioner.Api;
using Provisioner.Api.Tests.TestDoubles;
using Provisioner.Durable;
using Provisioner.GitHub.Webhooks;
using Provisioner.Workflow;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Api.Tests.Harness;

/// <summary>
/// The real durable engine in-process (the runner's: in memory, or on Azure Storage when the settings
/// name one), running the real orchestrators and activities with test doubles behind the integration
/// interfaces, and the real route table served in memory (ASP.NET Core's TestServer): tests speak
/// HTTP to the API exactly as a client would.
/// </summary>
internal sealed class WorkflowHost : IAsyncDisposable
{
    public const string WebhookSecret = "test-webhook-secret-7c1d";
    public static readonly Uri BaseUrl = new("http://provisioner.test/");

    private readonly WebApplication api;

    private WorkflowHost(WebApplication api, Doubles doubles, FakeLoggerProvider logs)
    {
        this.api = api;
        SourceControl = doubles.SourceControl;
        BuildServer = doubles.BuildServer;
        Cluster = doubles.Cluster;
        Probe = doubles.Probe;
        Logs = logs;
        Http = api.GetTestClient();
        Http.BaseAddress = BaseUrl;
    }

    public ScriptedSourceControl SourceControl { get; }

    public ScriptedBuildServer BuildServer { get; }

    public ScriptedCluster Cluster { get; }

    public ScriptedLiveSiteProbe Probe { get; }

    /// <summary>Every log line of the engine and the API.</summary>
    public FakeLoggerProvider Logs { get; }

    public DurableTaskClient Client => api.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>An HTTP client of the API.</summary>
    public HttpClient Http { get; }

    /// <summary>The API's services.</summary>
    public IServiceProvider Services => api.Services;

    /// <summary>Fast timings: long enough approval for tests that merge, short polls and retries.</summary>
    public static ProvisionTimings FastTimings(TimeSpan? approvalTimeout = null) => new(
        approvalTimeout ?? TimeSpan.FromMinutes(2),
        TimeSpan.FromMilliseconds(300),
        new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20)),
        new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20)),
        new ActivityRetry(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)));

    /// <param name="timings">The timings of new provisions (<see cref="FastTimings"/> unless given).</param>
    /// <param name="settings">App settings over the harness's own.</param>
    /// <param name="integrations">Registrations that replace the doubles behind the activities (e.g. the real integrations against simulators).</param>
    public static async Task<WorkflowHost> StartAsync(ProvisionTimings? timings = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? integrations = null)
    {
        var doubles = new Doubles();
        var logs = new FakeLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.WebhookSecret] = WebhookSecret,
            [SettingNames.GitHubOwner] = "contoso",
            [SettingNames.GitHubRepo] = "sites",
            [DurableEngineOptions.StorageConnectionSetting] = "",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        doubles.Register(builder.Services);
        builder.Services.AddProvisionerApi(builder.Configuration);
        builder.Services.Configure<ProvisioningOptions>(options => options.BaseTimings = timings ?? FastTimings());
        builder.Services.AddDurableEngine(builder.Configuration, registry => registry.AddProvisioningTasks());
        builder.Services.AddSingleton<IManagementLinks, TestManagementLinks>();
        integrations?.Invoke(builder.Services);

        var api = builder.Build();
        api.MapProvisionerApi();
        await api.StartAsync();
        return new WorkflowHost(api, doubles, logs);
    }

    /// <summary>The text of every log line, for scanning (e.g. for secrets).</summary>
    public IReadOnlyList<string> LogLines() =>
        Logs.Collector.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}").ToList();

    public Task<TestResponse> StartProvisionAsync(string domain, string appType = "frontend", string templateId = "static-site") =>
        PostAsync("api/provisions", JsonSerializer.Serialize(new { domain, app_type = appType, template_id = templateId }));

    /// <summary>Starts a provision that must be accepted (202) and returns its id.</summary>
    public async Task<string> StartAcceptedAsync(string domain)
    {
        var response = await StartProvisionAsync(domain);
        Assert.Equal(202, response.StatusCode);
        return (string)JsonNode.Parse(response.Body)!["provision_id"]!;
    }

    public Task<TestResponse> GetProvisionAsync(string provisionId) => SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/provisions/{Uri.EscapeDataString(provisionId)}"));

    public Task<TestResponse> CancelProvisionAsync(string provisionId) => SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/provisions/{Uri.EscapeDataString(provisionId)}/cancel"));

    /// <summary>POSTs <paramref name="body"/> with a content type (JSON unless given; null sends none).</summary>
    public Task<TestResponse> PostAsync(string path, string body, string? contentType = "application/json") =>
        PostAsync(path, Encoding.UTF8.GetBytes(body), contentType);

    public Task<TestResponse> PostAsync(string path, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    public async Task<TestResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request))
        {
            return await TestResponse.ReadAsync(response);
        }
    }

    /// <summary>Polls the status endpoint until the provision reaches <paramref name="status"/>.</summary>
    public Task<JsonNode> WaitForStatusAsync(string provisionId, string status, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(
            $"Provision {provisionId} reaching {status}",
            async () => JsonNode.Parse((await GetProvisionAsync(provisionId)).Body)!,
            view => (string?)view["status"] == status,
            timeout,
            view => view.ToJsonString());

    /// <summary>Waits until the domain's lock has ended, so the domain takes a new provision.</summary>
    public Task WaitForLockReleaseAsync(string domain) =>
        Eventually.WaitAsync(
            $"The lock of {domain} ending",
            () => Client.GetInstanceAsync(DomainLock.InstanceIdFor(domain)),
            holder => holder is null || holder.RuntimeStatus is not (OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended),
            TimeSpan.FromSeconds(30),
            holder => holder?.RuntimeStatus.ToString());

    /// <summary>Merges (or closes) the pull request on "GitHub", then delivers the signed pull_request closed event, as GitHub would.</summary>
    public Task<TestResponse> DeliverPullRequestClosedAsync(string provisionId, bool merged, Guid? deliveryId = null, string repository = "contoso/sites")
    {
        if (merged)
        {
            SourceControl.Merge();
        }
        else
        {
            SourceControl.Close();
        }

        return DeliverClosedEventAsync(provisionId, merged, deliveryId, repository);
    }

    /// <summary>Delivers a signed pull_request closed event without changing what GitHub says of the pull request (a forged or stray event).</summary>
    public Task<TestResponse> DeliverClosedEventAsync(string provisionId, bool merged, Guid? deliveryId = null, string repository = "contoso/sites")
    {
        var body = JsonSerializer.Serialize(new
        {
            action = "closed",
            number = 42,
            pull_request = new
            {
                number = 42,
                state = "closed",
                merged,
                merge_commit_sha = merged ? "6dcb09b5b57875f334f61aebed695e2e4193db5e" : null,
                merged_by = merged ? new { login = "devops-alice" } : null,
                head = new { @ref = "provision/" + provisionId, sha = "aa218f56b14c9653891f9e74264a383fa43fefbd" },
                @base = new { @ref = "main" },
            },
            repository = new { full_name = repository, name = repository.Split('/')[1] },
            sender = new { login = "devops-alice" },
        });
        return DeliverAsync("pull_request", body, deliveryId ?? Guid.NewGuid());
    }

    /// <summary>Delivers a webhook as GitHub does: JSON, its event and delivery headers, signed with the webhook secret unless <paramref name="signatureOverride"/> says otherwise.</summary>
    public Task<TestResponse> DeliverAsync(string eventName, string body, Guid deliveryId, string? signatureOverride = null) =>
        DeliverAsync(Encoding.UTF8.GetBytes(body), new Dictionary<string, string?>
        {
            [GitHubDelivery.EventHeader] = eventName,
            [GitHubDelivery.DeliveryHeader] = deliveryId.ToString(),
            [WebhookSignature.Header] = signatureOverride ?? WebhookSignature.Sign(WebhookSecret, Encoding.UTF8.GetBytes(body)),
        });

    /// <summary>POSTs raw bytes to the webhook with exactly these headers (a null value leaves a header out), as JSON unless a Content-Type is among them.</summary>
    public Task<TestResponse> DeliverAsync(byte[] body, IReadOnlyDictionary<string, string?> headers)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/github/webhook") { Content = content };
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.ContentType = value is null ? null : MediaTypeHeaderValue.Parse(value);
            }
            else if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await api.StopAsync();
        await api.DisposeAsync();
    }

    private sealed class Doubles
    {
        public ScriptedSourceControl SourceControl { get; } = new();

        public ScriptedBuildServer BuildServer { get; } = new();

        public ScriptedCluster Cluster { get; } = new();

        public ScriptedLiveSiteProbe Probe { get; } = new();

        public TwoTemplates Templates { get; } = new();

        public void Register(IServiceCollection services)
        {
            services.AddSingleton<ISourceControl>(SourceControl);
            services.AddSingleton<IBuildServer>(BuildServer);
            services.AddSingleton<IClusterClient>(Cluster);
            services.AddSingleton<ILiveSiteProbe>(Probe);
            services.AddSingleton<ITemplateCatalog>(Templates);
            services.AddSingleton<ITemplateRenderer>(Templates);
        }
    }
}

/// <summary>Management links shaped like the Durable extension's, for hosts without it.</summary>
internal sealed class TestManagementLinks : IManagementLinks
{
    public ValueTask<DurableManagementUrls> ForAsync(HttpRequest request, string instanceId)
    {
        var instance = new Uri(ApiLinks.For(request).BaseUrl, $"runtime/webhooks/durabletask/instances/{instanceId}").ToString();
        return ValueTask.FromResult(new DurableManagementUrls(instanceId, instance, instance + "/raiseEvent/{eventName}", instance + "/terminate?reason={text}"));
    }
}

/// <summary>An HTTP response as the tests check it.</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="ContentType">The Content-Type, or null.</param>
/// <param name="Body">The body as text.</param>
/// <param name="Headers">Every header, by case-insensitive name.</param>
internal sealed record TestResponse(int StatusCode, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public static async Task<TestResponse> ReadAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new TestResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(), headers);
    }
}
