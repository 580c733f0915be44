using k8s;
using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Simulators.Kubernetes;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes.Tests.Integration;

/// <summary>Rollouts the controllers carry out, looked at over several polls, and the evidence of those that fail.</summary>
public sealed class RolloutEvidenceTests
{
    private const string Registry = "registry.example.com/sites/";

    [Fact]
    public async Task A_healthy_rollout_is_seen_progressing_then_complete()
    {
        await using var bed = await KubernetesTestBed.StartAsync();
        var cluster = bed.Cluster();
        var site = KubernetesTestBed.Site();
        await bed.Kube.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment(site.AppName, Registry + site.AppName + ":1"), site.Namespace);

        var seen = new List<RolloutStatus>();
        var final = await Eventually.UntilAsync(
            async () =>
            {
                var status = await cluster.GetRolloutStatusAsync(site, CancellationToken.None);
                seen.Add(status);
                return status;
            },
            s => s.State != RolloutState.Progressing,
            TimeSpan.FromSeconds(20),
            "the rollout to finish");

        Assert.Equal(RolloutState.Complete, final.State);
        Assert.Equal($"deployment \"{site.AppName}\" successfully rolled out", final.Message);
        Assert.Contains(seen, s => s.State == RolloutState.Progressing && s.Message.StartsWith($"Waiting for deployment \"{site.AppName}\" rollout to finish", StringComparison.Ordinal));
        var evidence = await cluster.DescribeRolloutAsync(site, CancellationToken.None);
        Assert.Empty(evidence.Pods);
        Assert.Empty(evidence.Events);
    }

    [Fact]
    public async Task A_missing_image_fails_at_the_deadline_with_ImagePullBackOff_pods_and_the_kubelets_warnings()
    {
        var site = KubernetesTestBed.Site();
        var image = Registry + site.AppName + ":missing";
        await using var bed = await KubernetesTestBed.StartAsync(o => o.Images[image] = ImageBehavior.Missing);
        var cluster = bed.Cluster();
        await bed.Kube.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment(site.AppName, image), site.Namespace);

        var final = await Eventually.UntilAsync(() => cluster.GetRolloutStatusAsync(site, CancellationToken.None), s => s.State != RolloutState.Progressing, TimeSpan.FromSeconds(20), "the rollout to fail");
        var evidence = await Eventually.UntilAsync(
            () => cluster.DescribeRolloutAsync(site, CancellationToken.None),
            e => e.Pods.Count == 2 && e.Pods.All(p => p.Reason == "ImagePullBackOff"),
            TimeSpan.FromSeconds(10),
            "both pods in ImagePullBackOff");

        Assert.Equal(RolloutState.Failed, final.State);
        Assert.StartsWith($"deployment \"{site.AppName}\" exceeded its progress deadline", final.Message, StringComparison.Ordinal);
        Assert.All(evidence.Pods, p =>
        {
            Assert.Equal("Pending", p.Phase);
            Assert.Equal("app", p.Container);
            Assert.Equal($"Back-off pulling image \"{image}\"", p.Message);
            Assert.Equal(0, p.RestartCount);
        });
        Assert.Contains(evidence.Events, e => e.Reason == "Failed" && e.Message == "Error: ImagePullBackOff" && e.Object.StartsWith("Pod/" + site.AppName, StringComparison.Ordinal));
        Assert.Contains(evidence.Events, e => e.Reason == "Failed" && e.Message.StartsWith($"Failed to pull image \"{image}\": rpc error: code = NotFound", StringComparison.Ordinal));
        Assert.Contains(evidence.Events, e => e.Count > 1);
        Assert.All(evidence.Events, e => Assert.NotNull(e.LastSeen));
        Assert.True(evidence.Events.Count <= 10);
        Assert.Equal(evidence.Events.OrderByDescending(e => e.LastSeen).Select(e => e.LastSeen), evidence.Events.Select(e => e.LastSeen));
    }

    [Fact]
    public async Task A_crashing_image_shows_CrashLoopBackOff_with_restarts_and_the_last_exit()
    {
        var site = KubernetesTestBed.Site("crash.example.com");
        var image = Registry + site.AppName + ":2";
        await using var bed = await KubernetesTestBed.StartAsync(o => o.Images[Registry + site.AppName] = ImageBehavior.Crashes);
        var cluster = bed.Cluster();
        await bed.Kube.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment(site.AppName, image, replicas: 1), site.Namespace);

        var evidence = await Eventually.UntilAsync(
            () => cluster.DescribeRolloutAsync(site, CancellationToken.None),
            e => e.Pods.Count == 1 && e.Pods[0].Reason == "CrashLoopBackOff" && e.Pods[0].RestartCount >= 2,
            TimeSpan.FromSeconds(15),
            "a crash loop with restarts");

        var pod = evidence.Pods[0];
        Assert.Equal("Running", pod.Phase);
        Assert.Matches("^back-off [0-9]+s restarting failed container=app pod=crash-example-com-[a-z0-9]+-[a-z0-9]{5}_sites\\(.+\\); last terminated: Error \\(exit code 1\\)$", pod.Message);
        Assert.Contains(evidence.Events, e => e.Reason == "BackOff" && e.Message.StartsWith("Back-off restarting failed container app in pod ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_readiness_probe_shows_Unhealthy_warnings()
    {
        var site = KubernetesTestBed.Site();
        await using var bed = await KubernetesTestBed.StartAsync(o => o.Images[Registry + site.AppName] = ImageBehavior.NeverReady);
        var cluster = bed.Cluster();
        await bed.Kube.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment(site.AppName, Registry + site.AppName + ":3", replicas: 1), site.Namespace);

        var evidence = await Eventually.UntilAsync(() => cluster.DescribeRolloutAsync(site, CancellationToken.None), e => e.Events.Any(x => x.Reason == "Unhealthy"), TimeSpan.FromSeconds(10), "an Unhealthy event");

        Assert.Equal("Running", evidence.Pods.Single().Phase);
        Assert.Null(evidence.Pods.Single().Reason);
        Assert.Equal("Readiness probe failed: HTTP probe failed with statuscode: 503", evidence.Events.First(e => e.Reason == "Unhealthy").Message);
    }

    [Fact]
    public async Task An_image_update_rolls_the_old_pods_out_and_counts_only_the_new_replica_set()
    {
        var site = KubernetesTestBed.Site();
        await using var bed = await KubernetesTestBed.StartAsync();
        var cluster = bed.Cluster();
        var kube = bed.Kube;
        await kube.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment(site.AppName, Registry + site.AppName + ":1"), site.Namespace);
        await Eventually.UntilAsync(() => cluster.GetRolloutStatusAsync(site, CancellationToken.None), s => s.State == RolloutState.Complete, TimeSpan.FromSeconds(20), "the first rollout");

        var deployment = await kube.AppsV1.ReadNamespacedDeploymentAsync(site.AppName, site.Namespace);
        deployment.Spec.Template.Spec.Containers[0].Image = Registry + site.AppName + ":2";
        await kube.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, site.AppName, site.Namespace);
        var final = await Eventually.UntilAsync(() => cluster.GetRolloutStatusAsync(site, CancellationToken.None), s => s.State == RolloutState.Complete, TimeSpan.FromSeconds(20), "the second rollout");

        var replicaSets = await kube.AppsV1.ListNamespacedReplicaSetAsync(site.Namespace);
        Assert.Equal(2, replicaSets.Items.Count);
        Assert.Contains(replicaSets.Items, rs => rs.Spec.Replicas == 0 && rs.Metadata.Annotations["deployment.kubernetes.io/revision"] == "1");
        Assert.Contains(replicaSets.Items, rs => rs.Spec.Replicas == 2 && rs.Metadata.Annotations["deployment.kubernetes.io/revision"] == "2");
        var pods = await kube.CoreV1.ListNamespacedPodAsync(site.Namespace);
        Assert.All(pods.Items, p => Assert.Equal(Registry + site.AppName + ":2", p.Spec.Containers[0].Image));
        Assert.Equal($"deployment \"{site.AppName}\" successfully rolled out", final.Message);
    }
}
