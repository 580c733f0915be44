using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Simulators.Kubernetes;

namespace Provisioner.Kubernetes.Tests.Kubectl;

/// <summary>kubectl itself, unchanged, against the simulator: the independent client that proves its API is the real one.</summary>
public sealed class KubectlTests
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          namespace: sites
          labels:
            app.kubernetes.io/name: shop
        spec:
          replicas: 2
          selector:
            matchLabels:
              app.kubernetes.io/name: shop
          template:
            metadata:
              labels:
                app.kubernetes.io/name: shop
            spec:
              containers:
                - name: app
                  image: registry.example.com/sites/shop:1
                  ports:
                    - name: http
                      containerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: shop
          namespace: sites
        spec:
          selector:
            app.kubernetes.io/name: shop
          ports:
            - name: http
              port: 80
              targetPort: http
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          namespace: sites
        spec:
          ingressClassName: nginx
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: shop
                        port:
                          number: 80
        """;

    [Fact]
    public async Task Apply_rollout_status_get_events_and_delete_work_unchanged()
    {
        await using var bed = await KubernetesTestBed.StartAsync();
        var kubectl = Kubectl(bed);
        var manifest = Path.Combine(Path.GetDirectoryName(bed.KubeconfigPath)!, "manifest.yaml");
        await File.WriteAllTextAsync(manifest, Manifest);

        var applied = await kubectl.RunAsync("apply", "--server-side", "-f", manifest);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("deployment.apps/shop serverside-applied\nservice/shop serverside-applied\ningress.networking.k8s.io/shop serverside-applied\n", applied.Output);

        var rollout = await kubectl.RunAsync("rollout", "status", "deploy/shop", "-n", "sites", "--timeout=60s");
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.EndsWith("deployment \"shop\" successfully rolled out\n", rollout.Output, StringComparison.Ordinal);

        var versions = bed.Simulator.State.List("ingresses", "sites").Select(i => i["metadata"]!["resourceVersion"]!.GetValue<string>()).ToList();
        var reapplied = await kubectl.RunAsync("apply", "--server-side", "-f", manifest);
        Assert.True(reapplied.ExitCode == 0, reapplied.ToString());
        Assert.Equal(versions, bed.Simulator.State.List("ingresses", "sites").Select(i => i["metadata"]!["resourceVersion"]!.GetValue<string>()));

        await Eventually.UntilAsync(() => Task.FromResult(bed.Simulator.State.Get("ingresses", "sites", "shop")), i => i?["status"]?["loadBalancer"]?["ingress"] is not null, TimeSpan.FromSeconds(10), "the Ingress address");
        var get = await kubectl.RunAsync("get", "deploy,rs,pods,svc,ingress", "-n", "sites");
        Assert.True(get.ExitCode == 0, get.ToString());
        var lines = get.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("NAME ", StringComparison.Ordinal) && l.Contains("READY   UP-TO-DATE   AVAILABLE", StringComparison.Ordinal));
        Assert.Matches(@"deployment\.apps/shop\s+2/2\s+2\s+2\s+\d+s", get.Output);
        Assert.Matches(@"replicaset\.apps/shop-[a-z0-9]+\s+2\s+2\s+2\s+\d+s", get.Output);
        Assert.Equal(2, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^pod/shop-[a-z0-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s+\d+s")));
        Assert.Matches(@"service/shop\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80/TCP", get.Output);
        Assert.Matches(@"ingress\.networking\.k8s\.io/shop\s+nginx\s+shop\.example\.com\s+127\.0\.0\.1\s+80", get.Output);

        var events = await kubectl.RunAsync("get", "events", "-n", "sites");
        Assert.True(events.ExitCode == 0, events.ToString());
        Assert.StartsWith("LAST SEEN", events.Output, StringComparison.Ordinal);
        Assert.Matches(@"Normal\s+ScalingReplicaSet\s+deployment/shop\s+Scaled up replica set shop-[a-z0-9]+ to 2 from 0", events.Output);
        Assert.Matches(@"Normal\s+SuccessfulCreate\s+replicaset/shop-[a-z0-9]+\s+Created pod: shop-", events.Output);
        Assert.Matches(@"Normal\s+Started\s+pod/shop-[a-z0-9]+-[a-z0-9]{5}\s+Started container app", events.Output);

        var deleted = await kubectl.RunAsync("delete", "deploy/shop", "-n", "sites");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("deployment.apps \"shop\" deleted\n", deleted.Output);
        await Eventually.UntilAsync(() => Task.FromResult(bed.Simulator.State.List("pods", "sites").Count + bed.Simulator.State.List("replicasets", "sites").Count), n => n == 0, TimeSpan.FromSeconds(10), "the ReplicaSet and pods to be collected");
        var gone = await kubectl.RunAsync("get", "deploy/shop", "-n", "sites");
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal("Error from server (NotFound): deployments.apps \"shop\" not found\n", gone.Error);
    }

    [Fact]
    public async Task Rollout_status_fails_when_the_progress_deadline_is_exceeded()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.Images["registry.example.com/sites/shop"] = ImageBehavior.Missing);
        var kubectl = Kubectl(bed);
        var manifest = Path.Combine(Path.GetDirectoryName(bed.KubeconfigPath)!, "manifest.yaml");
        await File.WriteAllTextAsync(manifest, Manifest);
        await kubectl.RunAsync("apply", "--server-side", "-f", manifest);

        var rollout = await kubectl.RunAsync("rollout", "status", "deploy/shop", "-n", "sites", "--timeout=60s");
        var pods = await kubectl.RunAsync("get", "pods", "-n", "sites");

        Assert.Equal(1, rollout.ExitCode);
        Assert.Equal("error: deployment \"shop\" exceeded its progress deadline\n", rollout.Error);
        Assert.Matches(@"shop-[a-z0-9]+-[a-z0-9]{5}\s+0/1\s+(ImagePullBackOff|ErrImagePull)\s+0", pods.Output);
    }

    [Fact]
    public async Task Server_side_apply_conflicts_reach_kubectl_as_the_API_server_words_them()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var kubectl = Kubectl(bed);
        var directory = Path.GetDirectoryName(bed.KubeconfigPath)!;
        var manifest = Path.Combine(directory, "manifest.yaml");
        await File.WriteAllTextAsync(manifest, Manifest);
        await kubectl.RunAsync("apply", "--server-side", "--field-manager=platform-team", "-f", manifest);
        await File.WriteAllTextAsync(manifest, Manifest.Replace("ingressClassName: nginx", "ingressClassName: traefik", StringComparison.Ordinal));

        var conflict = await kubectl.RunAsync("apply", "--server-side", "-f", manifest);
        var forced = await kubectl.RunAsync("apply", "--server-side", "--force-conflicts", "-f", manifest);

        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"platform-team\": .spec.ingressClassName", conflict.Error, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("traefik", bed.Simulator.State.Get("ingresses", "sites", "shop")!["spec"]!["ingressClassName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Namespaces_output_formats_and_RBAC_denials_work()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var kubectl = Kubectl(bed);

        var directory = Path.GetDirectoryName(bed.KubeconfigPath)!;
        var manifest = Path.Combine(directory, "namespace.yaml");
        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: staging\n");
        var created = await kubectl.RunAsync("apply", "--server-side", "-f", manifest);
        var namespaces = await kubectl.RunAsync("get", "namespaces");
        var json = await kubectl.RunAsync("get", "namespace", "staging", "-o", "jsonpath={.status.phase}");
        var forbiddenBed = bed.Simulator.Options.Access;
        forbiddenBed.Forbid("list", "pods");
        var forbidden = await kubectl.RunAsync("get", "pods", "-n", "sites");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("namespace/staging serverside-applied\n", created.Output);
        Assert.Matches(@"staging\s+Active\s+\d+s", namespaces.Output);
        Assert.Equal("Active", json.Output);
        Assert.Equal(1, forbidden.ExitCode);
        Assert.Equal("Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:sites:provisioner\" cannot list resource \"pods\" in API group \"\" in the namespace \"sites\"\n", forbidden.Error);
    }

    private static KubectlRunner Kubectl(KubernetesTestBed bed) =>
        new(bed.KubeconfigPath, Path.Combine(Path.GetDirectoryName(bed.KubeconfigPath)!, "kubectl-cache"));
}
