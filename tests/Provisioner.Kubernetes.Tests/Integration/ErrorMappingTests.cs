using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using Provisioner.Kubernetes.Connection;
using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes.Tests.Integration;

/// <summary>API failures become the workflow's exceptions with the API server's message kept and a cause people can act on.</summary>
public sealed class ErrorMappingTests
{
    private const string DeploymentPath = "/apis/apps/v1/namespaces/sites/deployments/shop-example-com";

    [Fact]
    public async Task A_rejected_token_is_permanent_and_says_the_credentials_are_not_accepted()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var path = Path.Combine(Path.GetDirectoryName(bed.KubeconfigPath)!, "stale");
        await File.WriteAllTextAsync(path, bed.Simulator.Kubeconfig.Replace(bed.Simulator.Options.Token, "expired-token-0123456789", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.Cluster(new Dictionary<string, string?> { [SettingNames.KubeConfigPath] = path }).GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None));

        Assert.Contains("the kubeconfig's credentials are not accepted (401 Unauthorized)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("expired-token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get", "deployments", "the service account lacks get on deployments.apps in sites")]
    [InlineData("list", "ingresses", "the service account lacks list on ingresses.networking.k8s.io in sites")]
    [InlineData("patch", "ingresses", "the service account lacks patch on ingresses.networking.k8s.io in sites")]
    public async Task A_forbidden_verb_names_the_verb_resource_and_namespace(string verb, string resource, string expected)
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        bed.Simulator.Options.Access.Forbid(verb, resource);
        var cluster = bed.Cluster();
        var site = KubernetesTestBed.Site();

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => resource == "deployments"
            ? cluster.GetRolloutStatusAsync(site, CancellationToken.None)
            : cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("User \"system:serviceaccount:sites:provisioner\" cannot " + verb, error.Message, StringComparison.Ordinal);
        Assert.Contains("infra/kubernetes/provisioner-role.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_namespace_says_so()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var site = Workflow.Model.SiteIdentity.For("shop.example.com", "nowhere");

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.Cluster().ApplyIngressAsync("nowhere", IngressTemplates.Render(site), CancellationToken.None));

        Assert.Contains("namespace nowhere does not exist (namespaces \"nowhere\" not found)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(429)]
    public async Task Server_errors_and_throttling_are_transient_with_the_Status_message(int status)
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var rule = bed.Simulator.Faults.Add(new FaultRule("GET", DeploymentPath) { StatusCode = status, RetryAfterSeconds = status == 429 ? 1 : null });

        var error = await Assert.ThrowsAsync<TransientIntegrationException>(() => bed.Cluster().GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None));

        Assert.Equal(1, rule.Hits);
        Assert.Contains($"({status} ", error.Message, StringComparison.Ordinal);
        Assert.Contains(Simulators.Kubernetes.Api.KubernetesFaults.ErrorFor(status, null).Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_slower_than_its_timeout_is_transient()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        bed.Simulator.Faults.Add(new FaultRule("GET", DeploymentPath) { Delay = TimeSpan.FromSeconds(5) });

        var error = await Assert.ThrowsAsync<TransientIntegrationException>(() => bed.Cluster().GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None));

        Assert.StartsWith("The Kubernetes API server did not answer within 2s to get deployments.apps sites/shop-example-com", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_dropped_connection_is_transient(bool afterHandling)
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var site = KubernetesTestBed.Site();
        bed.Simulator.Faults.Add(new FaultRule("PATCH", "/apis/networking.k8s.io/v1/namespaces/sites/ingresses/.*") { DropConnection = true, AfterHandling = afterHandling });
        var cluster = bed.Cluster();

        await Assert.ThrowsAsync<TransientIntegrationException>(() => cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None));
        var retried = await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None);

        // The retry is the activity's next attempt: it converges whether or not the lost call landed.
        Assert.Equal(site.AppName, retried.Name);
        Assert.Single(bed.Simulator.State.List("ingresses", site.Namespace));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_an_integration_failure()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        bed.Simulator.Faults.Add(new FaultRule("GET", DeploymentPath) { Delay = TimeSpan.FromSeconds(5) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Cluster().GetRolloutStatusAsync(KubernetesTestBed.Site(), cancel.Token));
    }

    [Fact]
    public async Task Without_any_credentials_the_call_fails_as_not_configured_saying_what_to_set()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var services = bed.Services(new Dictionary<string, string?> { [SettingNames.KubeConfigPath] = null });

        var cluster = services.GetRequiredService<IClusterClient>();
        var error = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(() => cluster.GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None));

        Assert.Equal("Kubernetes is not configured: set KUBECONFIG_CONTENT (a kubeconfig, e.g. from Key Vault) or KUBECONFIG (a kubeconfig file), or run in-cluster.", error.Message);
    }

    [Fact]
    public async Task A_KUBECONFIG_naming_no_file_fails_the_call_not_the_start()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var services = bed.Services(new Dictionary<string, string?> { [SettingNames.KubeConfigPath] = "/nonexistent/kubeconfig" });

        var cluster = services.GetRequiredService<IClusterClient>();
        var error = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(() => cluster.GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None));

        Assert.Contains("set KUBECONFIG to the path of a kubeconfig file (/nonexistent/kubeconfig does not exist)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KUBECONFIG_CONTENT_from_the_secret_provider_wins_and_an_unreadable_one_is_not_quoted()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var secrets = new Mock<ISecretProvider>();
        secrets.Setup(s => s.GetSecretAsync(SettingNames.KubeConfigContent, It.IsAny<CancellationToken>())).ReturnsAsync(bed.Simulator.Kubeconfig);
        using var services = bed.Services(new Dictionary<string, string?> { [SettingNames.KubeConfigPath] = "/nonexistent/kubeconfig" }, s => s.AddSingleton(secrets.Object));

        var status = await services.GetRequiredService<IClusterClient>().GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None);
        Assert.Equal(RolloutState.NotFound, status.State);

        const string broken = "apiVersion: v1\nkind: Config\nusers: [ {name: x, user: {token: super-secret-token-value}} ]\nclusters: {{{";
        secrets.Setup(s => s.GetSecretAsync(SettingNames.KubeConfigContent, It.IsAny<CancellationToken>())).ReturnsAsync(broken);
        var error = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(() => services.GetRequiredService<IClusterClient>().GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None));
        Assert.StartsWith("Kubernetes is not configured: set KUBECONFIG_CONTENT to a valid kubeconfig: it could not be read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_replaces_the_placeholder_and_adds_the_probe()
    {
        var placeholder = Mock.Of<IClusterClient>();
        var services = new ServiceCollection().AddSingleton(placeholder);

        services.AddKubernetesCluster(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<KubernetesClusterClient>(provider.GetRequiredService<IClusterClient>());
        Assert.IsType<Probe.HttpLiveSiteProbe>(provider.GetRequiredService<ILiveSiteProbe>());
        Assert.Single(services, d => d.ServiceType == typeof(IClusterClient));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task No_log_line_or_message_carries_the_token()
    {
        await using var bed = await KubernetesTestBed.StartAsync();
        using var logs = new FakeLoggerProvider();
        using var services = bed.Services(configure: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(new Microsoft.Extensions.Logging.LoggerFactory([logs])));
        var cluster = services.GetRequiredService<IClusterClient>();
        var site = KubernetesTestBed.Site();
        await cluster.GetRolloutStatusAsync(site, CancellationToken.None);
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None);
        bed.Simulator.Options.Access.Forbid("get", "deployments");
        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => cluster.GetRolloutStatusAsync(site, CancellationToken.None));

        var lines = logs.Collector.GetSnapshot().Select(r => r.Message + r.Exception).ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains(bed.Simulator.Options.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(bed.Simulator.Options.Token, error.ToString(), StringComparison.Ordinal);
    }
}
