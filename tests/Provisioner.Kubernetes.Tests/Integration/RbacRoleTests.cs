using System.Text.RegularExpressions;
using k8s;
using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Simulators.Kubernetes;
using Provisioner.Workflow.Integrations.Cluster;
using YamlDotNet.RepresentationModel;

namespace Provisioner.Kubernetes.Tests.Integration;

/// <summary>The shipped Role grants exactly what a full run of the client uses: the run passes under it, and every rule is used.</summary>
public sealed partial class RbacRoleTests
{
    [GeneratedRegex("^/apis?/(?:(?<group>[^/]+)/)?v1/namespaces/(?<namespace>[^/]+)/(?<resource>[^/]+)(?:/(?<name>[^/]+))?$")]
    private static partial Regex ResourcePath();

    [Fact]
    public async Task A_full_run_needs_exactly_the_verbs_and_resources_the_role_grants()
    {
        var rules = ReadRole();
        var site = KubernetesTestBed.Site();
        await using var bed = await KubernetesTestBed.StartAsync(o => o.Images["registry.example.com/sites/" + site.AppName + ":bad"] = ImageBehavior.Missing);
        await bed.Kube.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment(site.AppName, "registry.example.com/sites/" + site.AppName + ":bad"), site.Namespace);
        bed.Simulator.Options.Access.AllowOnly(rules);
        bed.Simulator.Log.Clear();

        var cluster = bed.Cluster();
        await Eventually.UntilAsync(() => cluster.GetRolloutStatusAsync(site, CancellationToken.None), s => s.State == RolloutState.Failed, TimeSpan.FromSeconds(20), "the rollout to fail");
        var evidence = await cluster.DescribeRolloutAsync(site, CancellationToken.None);
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None);
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None);
        await Eventually.UntilAsync(() => cluster.GetIngressAddressAsync(site.Namespace, site.AppName, CancellationToken.None), a => a is not null, TimeSpan.FromSeconds(10), "an address");

        Assert.NotEmpty(evidence.Pods);
        var calls = bed.Simulator.Log.ApiCalls;
        Assert.DoesNotContain(calls, c => c.Status == 403);
        var used = calls.Select(Grant).ToHashSet();
        var granted = rules.SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => (g, res, v))))).ToHashSet();
        Assert.Equal(granted.Order(), used.Order());
    }

    [Fact]
    public async Task The_role_is_the_one_the_simulator_enforces_verb_by_verb()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o =>
        {
            o.RunControllers = false;
            o.Access.AllowOnly(ReadRole());
        });

        using var http = bed.Http();
        var denied = await http.DeleteAsync("apis/networking.k8s.io/v1/namespaces/sites/ingresses/x");

        Assert.Equal(403, (int)denied.StatusCode);
        Assert.Contains("cannot delete resource \\\"ingresses\\\" in API group \\\"networking.k8s.io\\\" in the namespace \\\"sites\\\"", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static (string Group, string Resource, string Verb) Grant(Provisioner.Simulators.Common.Diagnostics.LoggedRequest call)
    {
        var match = ResourcePath().Match(call.Path);
        Assert.True(match.Success, $"not a namespaced resource call: {call}");
        var collection = !match.Groups["name"].Success;
        var verb = call.Method switch
        {
            "GET" when call.Query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => collection ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => call.Method,
        };
        return (match.Groups["group"].Success ? match.Groups["group"].Value : string.Empty, match.Groups["resource"].Value, verb);
    }

    private static List<AccessRule> ReadRole()
    {
        var path = Path.Combine(RepositoryRoot(), "infra", "kubernetes", "provisioner-role.yaml");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        Assert.Equal("Role", ((YamlScalarNode)root["kind"]).Value);
        IReadOnlyList<string> List(YamlNode node, string key) => [.. ((YamlSequenceNode)((YamlMappingNode)node)[key]).Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty)];
        return [.. ((YamlSequenceNode)root["rules"]).Children.Select(r => new AccessRule(List(r, "apiGroups"), List(r, "resources"), List(r, "verbs")))];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Provisioner.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Provisioner.sln not found above " + AppContext.BaseDirectory);
    }
}
