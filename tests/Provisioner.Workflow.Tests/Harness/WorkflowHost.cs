using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Workflow.Api;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Orchestration;
using Provisioner.Workflow.Tests.TestDoubles;

namespace Provisioner.Workflow.Tests.Harness;

/// <summary>
/// The real durable engine in-process, running the real orchestrators and activities, with test
/// doubles behind the integration interfaces, and the real API classes the Functions app calls.
/// </summary>
internal sealed class WorkflowHost : IAsyncDisposable
{
    public const string WebhookSecret = "test-webhook-secret-7c1d";
    public static readonly Uri BaseUrl = new("http://provisioner.test/");

    private readonly DurableTaskTestHost host;
    private readonly ServiceProvider apiServices;

    private WorkflowHost(DurableTaskTestHost host, ServiceProvider apiServices, Doubles doubles, CapturedLogs logs)
    {
        this.host = host;
        this.apiServices = apiServices;
        SourceControl = doubles.SourceControl;
        BuildServer = doubles.BuildServer;
        Cluster = doubles.Cluster;
        Logs = logs;
    }

    public ScriptedSourceControl SourceControl { get; }

    public ScriptedBuildServer BuildServer { get; }

    public ScriptedCluster Cluster { get; }

    public CapturedLogs Logs { get; }

    public DurableTaskClient Client => host.Client;

    public ProvisioningApi Provisions => apiServices.GetRequiredService<ProvisioningApi>();

    public GitHubWebhookApi Webhook => apiServices.GetRequiredService<GitHubWebhookApi>();

    public TemplatesApi Templates => apiServices.GetRequiredService<TemplatesApi>();

    /// <summary>Fast timings: long enough approval for tests that merge, short polls and retries.</summary>
    public static ProvisionTimings FastTimings(TimeSpan? approvalTimeout = null) => new(
        approvalTimeout ?? TimeSpan.FromMinutes(2),
        TimeSpan.FromMilliseconds(300),
        new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20)),
        new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20)),
        new ActivityRetry(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)));

    public static async Task<WorkflowHost> StartAsync(ProvisionTimings? timings = null, IDictionary<string, string?>? settings = null)
    {
        var doubles = new Doubles();
        var logs = new CapturedLogs();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [SettingNames.WebhookSecret] = WebhookSecret,
                [SettingNames.GitHubOwner] = "contoso",
                [SettingNames.GitHubRepo] = "sites",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddProvisioningTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    doubles.Register(services);
                    services.AddLogging(b => b.AddProvider(logs));
                },
            });

        var api = new ServiceCollection();
        api.AddLogging(b => b.AddProvider(logs));
        doubles.Register(api);
        api.AddProvisioningWorkflow(configuration);
        var options = ProvisioningOptions.FromConfiguration(configuration);
        api.AddSingleton(new ProvisioningOptions
        {
            AllowedParentDomains = options.AllowedParentDomains,
            KubernetesNamespace = options.KubernetesNamespace,
            Timings = timings ?? FastTimings(),
        });
        return new WorkflowHost(host, api.BuildServiceProvider(), doubles, logs);
    }

    public Task<ApiResponse> StartProvisionAsync(string domain, string appType = "frontend", string templateId = "static-site") =>
        Provisions.StartAsync(Client, Request(JsonSerializer.Serialize(new { domain, app_type = appType, template_id = templateId })),
            new TestManagementLinks(BaseUrl), CancellationToken.None);

    public Task<ApiResponse> GetProvisionAsync(string provisionId) => Provisions.GetAsync(Client, provisionId, Request(""), CancellationToken.None);

    public Task<ApiResponse> CancelProvisionAsync(string provisionId) => Provisions.CancelAsync(Client, provisionId, Request(""), CancellationToken.None);

    /// <summary>Polls the status endpoint until the provision reaches <paramref name="status"/>.</summary>
    public async Task<JsonNode> WaitForStatusAsync(string provisionId, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await GetProvisionAsync(provisionId);
            last = JsonNode.Parse(response.Body)!;
            if ((string?)last["status"] == status)
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Provision {provisionId} did not reach {status}; last seen: {last?.ToJsonString()}");
    }

    /// <summary>Merges (or closes) the pull request on "GitHub", then delivers the signed pull_request closed event, as GitHub would.</summary>
    public Task<ApiResponse> DeliverPullRequestClosedAsync(string provisionId, bool merged, Guid? deliveryId = null, string repository = "contoso/sites")
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
    public Task<ApiResponse> DeliverClosedEventAsync(string provisionId, bool merged, Guid? deliveryId = null, string repository = "contoso/sites")
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

    public Task<ApiResponse> DeliverAsync(string eventName, string body, Guid deliveryId, string? signatureOverride = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-GitHub-Event"] = eventName,
            ["X-GitHub-Delivery"] = deliveryId.ToString(),
            [GitHubWebhookSignature.Header] = signatureOverride ?? GitHubWebhookSignature.Sign(WebhookSecret, bytes),
        };
        return Webhook.HandleAsync(Client, new ApiRequest(BaseUrl, bytes, name => headers.GetValueOrDefault(name)), CancellationToken.None);
    }

    public static ApiRequest Request(string body) => ApiRequest.WithBody(BaseUrl, Encoding.UTF8.GetBytes(body));

    public async ValueTask DisposeAsync()
    {
        await apiServices.DisposeAsync();
        await host.DisposeAsync();
    }

    private sealed class Doubles
    {
        public ScriptedSourceControl SourceControl { get; } = new();

        public ScriptedBuildServer BuildServer { get; } = new();

        public ScriptedCluster Cluster { get; } = new();

        public TwoTemplates Templates { get; } = new();

        public void Register(IServiceCollection services)
        {
            services.AddSingleton<ISourceControl>(SourceControl);
            services.AddSingleton<IBuildServer>(BuildServer);
            services.AddSingleton<IClusterClient>(Cluster);
            services.AddSingleton<ITemplateCatalog>(Templates);
            services.AddSingleton<ITemplateRenderer>(Templates);
        }
    }
}

/// <summary>Management links shaped like the Durable extension's, for hosts without it.</summary>
internal sealed class TestManagementLinks(Uri baseUrl) : IManagementLinks
{
    public DurableManagementUrls For(string instanceId)
    {
        var instance = new Uri(baseUrl, $"runtime/webhooks/durabletask/instances/{instanceId}").ToString();
        return new DurableManagementUrls(instanceId, instance, instance + "/raiseEvent/{eventName}", instance + "/terminate?reason={text}",
            instance, instance + "/restart", instance + "/suspend?reason={text}", instance + "/resume?reason={text}");
    }
}
