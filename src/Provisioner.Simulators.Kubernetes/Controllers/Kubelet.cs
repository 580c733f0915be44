using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes.Controllers;

/// <summary>
/// The scheduler and the kubelet of one node: pods get scheduled, images pulled and containers
/// started, then become ready, or fail as their image is scripted to (ErrImagePull then
/// ImagePullBackOff, CrashLoopBackOff with restarts, failing readiness), with the kubelet's events
/// and the container states kubectl shows.
/// </summary>
internal sealed class Kubelet(ObjectStore store, EventRecorder events, KubernetesSimulatorOptions options)
{
    private const string Component = "kubelet";

    private readonly Dictionary<string, PodRuntime> pods = new(StringComparer.Ordinal);
    private int nextPodIp = 10;

    private enum Stage
    {
        Pulling,
        PullFailed,
        PullBackOff,
        Running,
        CrashBackOff,
    }

    public void Reconcile(DateTimeOffset now)
    {
        var (all, _) = store.List(ResourceKind.Pods, null, _ => true);
        foreach (var pod in all)
        {
            Sync(pod, now);
        }

        var live = all.Select(p => p["metadata"]!["uid"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in pods.Keys.Where(k => !live.Contains(k)).ToList())
        {
            pods.Remove(gone);
        }
    }

    private void Sync(JsonObject pod, DateTimeOffset now)
    {
        var uid = pod["metadata"]!["uid"]!.GetValue<string>();
        if (!pods.TryGetValue(uid, out var runtime))
        {
            var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => new ContainerRuntime(c["name"]!.GetValue<string>(), c["image"]?.GetValue<string>() ?? string.Empty))
                .ToList();
            foreach (var container in containers)
            {
                container.Behavior = options.BehaviorOf(container.Image);
            }

            runtime = new PodRuntime(now, containers, $"10.244.0.{nextPodIp++ % 250 + 2}");
            pods[uid] = runtime;
        }

        if (!runtime.Scheduled)
        {
            if (now - runtime.Created < options.Timings.Schedule)
            {
                return;
            }

            runtime.Scheduled = true;
            runtime.StartTime = now;
            pod["spec"]!["nodeName"] = EventRecorder.NodeName;
            events.Normal(pod, "Scheduled", $"Successfully assigned {pod["metadata"]!["namespace"]}/{pod["metadata"]!["name"]} to {EventRecorder.NodeName}", "default-scheduler");
            foreach (var container in runtime.Containers)
            {
                StartPull(pod, container, now);
            }
        }

        foreach (var container in runtime.Containers.Where(c => now >= c.Next))
        {
            Step(pod, container, now);
        }

        pod["status"] = Status(pod, runtime);
        store.SystemWrite(ResourceKind.Pods, pod);
    }

    private void Step(JsonObject pod, ContainerRuntime container, DateTimeOffset now)
    {
        var fieldPath = $"spec.containers{{{container.Name}}}";
        switch (container.Stage)
        {
            case Stage.Pulling when container.Behavior == ImageBehavior.Missing:
                container.Stage = Stage.PullFailed;
                container.Waiting = ("ErrImagePull", PullError(container.Image));
                events.Warning(pod, "Failed", $"Failed to pull image \"{container.Image}\": {PullError(container.Image)}", Component, fieldPath);
                events.Warning(pod, "Failed", "Error: ErrImagePull", Component, fieldPath);
                container.Next = now + BackOff(container);
                break;
            case Stage.Pulling:
                var took = options.Timings.Pull.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                events.Normal(pod, "Pulled", $"Successfully pulled image \"{container.Image}\" in {took}ms ({took}ms including waiting). Image size: 48213759 bytes.", Component, fieldPath);
                Start(pod, container, now);
                break;
            case Stage.PullFailed:
                container.Stage = Stage.PullBackOff;
                container.Waiting = ("ImagePullBackOff", $"Back-off pulling image \"{container.Image}\"");
                events.Normal(pod, "BackOff", $"Back-off pulling image \"{container.Image}\"", Component, fieldPath);
                events.Warning(pod, "Failed", "Error: ImagePullBackOff", Component, fieldPath);
                container.BackOffs++;
                container.Next = now + BackOff(container);
                break;
            case Stage.PullBackOff:
                StartPull(pod, container, now);
                break;
            case Stage.Running when container.Behavior == ImageBehavior.Runs:
                container.Ready = true;
                container.Next = DateTimeOffset.MaxValue;
                break;
            case Stage.Running when container.Behavior == ImageBehavior.NeverReady:
                events.Warning(pod, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", Component, fieldPath);
                container.Next = now + options.Timings.Ready;
                break;
            case Stage.Running:
                container.LastTerminated = new JsonObject
                {
                    ["exitCode"] = 1,
                    ["reason"] = "Error",
                    ["startedAt"] = ObjectStore.Timestamp(container.StartedAt ?? now),
                    ["finishedAt"] = ObjectStore.Timestamp(now),
                    ["containerID"] = container.ContainerId,
                };
                container.Restarts++;
                container.Stage = Stage.CrashBackOff;
                container.StartedAt = null;
                var wait = KubeletBackOff(container.BackOffs);
                container.Waiting = ("CrashLoopBackOff", $"back-off {wait} restarting failed container={container.Name} pod={pod["metadata"]!["name"]}_{pod["metadata"]!["namespace"]}({pod["metadata"]!["uid"]})");
                events.Warning(pod, "BackOff", $"Back-off restarting failed container {container.Name} in pod {pod["metadata"]!["name"]}_{pod["metadata"]!["namespace"]}({pod["metadata"]!["uid"]})", Component, fieldPath);
                container.Next = now + BackOff(container);
                container.BackOffs++;
                break;
            case Stage.CrashBackOff:
                events.Normal(pod, "Pulled", $"Container image \"{container.Image}\" already present on machine", Component, fieldPath);
                Start(pod, container, now);
                break;
        }
    }

    private void StartPull(JsonObject pod, ContainerRuntime container, DateTimeOffset now)
    {
        container.Stage = Stage.Pulling;
        container.Waiting ??= ("ContainerCreating", null);
        events.Normal(pod, "Pulling", $"Pulling image \"{container.Image}\"", Component, $"spec.containers{{{container.Name}}}");
        container.Next = now + options.Timings.Pull;
    }

    private void Start(JsonObject pod, ContainerRuntime container, DateTimeOffset now)
    {
        var fieldPath = $"spec.containers{{{container.Name}}}";
        container.ContainerId = "containerd://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        events.Normal(pod, "Created", $"Created container: {container.Name}", Component, fieldPath);
        events.Normal(pod, "Started", $"Started container {container.Name}", Component, fieldPath);
        container.Stage = Stage.Running;
        container.Waiting = null;
        container.Pulled = true;
        container.StartedAt = now;
        container.Next = now + (container.Behavior == ImageBehavior.Crashes ? options.Timings.Crash : options.Timings.Ready);
    }

    private static JsonObject Status(JsonObject pod, PodRuntime runtime)
    {
        var timestamp = ObjectStore.Timestamp(runtime.StartTime ?? runtime.Created);
        var allReady = runtime.Containers.All(c => c.Ready);
        var unready = runtime.Containers.Where(c => !c.Ready).Select(c => c.Name).ToList();
        var running = runtime.Containers.Any(c => c.Stage == Stage.Running || c.LastTerminated is not null);
        JsonObject Condition(string type, bool value, string? reason = null, string? message = null)
        {
            var condition = new JsonObject { ["type"] = type, ["status"] = value ? "True" : "False", ["lastProbeTime"] = null, ["lastTransitionTime"] = timestamp };
            if (!value && reason is not null)
            {
                condition["reason"] = reason;
                condition["message"] = message;
            }

            return condition;
        }

        var status = new JsonObject { ["phase"] = runtime.Scheduled && running ? "Running" : "Pending" };
        status["qosClass"] = "Burstable";
        if (!runtime.Scheduled)
        {
            return status;
        }

        var notReady = $"containers with unready status: [{string.Join(" ", unready)}]";
        status["conditions"] = new JsonArray(
            Condition("PodReadyToStartContainers", true),
            Condition("Initialized", true),
            Condition("Ready", allReady, "ContainersNotReady", notReady),
            Condition("ContainersReady", allReady, "ContainersNotReady", notReady),
            Condition("PodScheduled", true));
        status["hostIP"] = "10.0.0.10";
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = "10.0.0.10" });
        status["podIP"] = runtime.PodIp;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = runtime.PodIp });
        status["startTime"] = timestamp;
        status["containerStatuses"] = new JsonArray([.. runtime.Containers.Select(c => (JsonNode)ContainerStatus(c))]);
        return status;
    }

    private static JsonObject ContainerStatus(ContainerRuntime container)
    {
        JsonObject state;
        if (container.Stage == Stage.Running)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectStore.Timestamp(container.StartedAt!.Value) } };
        }
        else
        {
            var waiting = new JsonObject { ["reason"] = container.Waiting?.Reason ?? "ContainerCreating" };
            if (container.Waiting?.Message is { } message)
            {
                waiting["message"] = message;
            }

            state = new JsonObject { ["waiting"] = waiting };
        }

        var status = new JsonObject
        {
            ["name"] = container.Name,
            ["state"] = state,
            ["lastState"] = container.LastTerminated is null ? new JsonObject() : new JsonObject { ["terminated"] = container.LastTerminated.DeepClone() },
            ["ready"] = container.Ready,
            ["restartCount"] = container.Restarts,
            ["image"] = container.Image,
            ["imageID"] = container.Pulled ? $"{container.Image.Split(':')[0]}@sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(container.Image)))}" : string.Empty,
            ["started"] = container.Stage == Stage.Running,
        };
        if (container.ContainerId is { } id)
        {
            status["containerID"] = id;
        }

        return status;
    }

    private static string PullError(string image) =>
        $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found";

    // The kubelet's own back-off starts at 10s and doubles up to 5m; the simulator waits its configured, shorter time.
    private static string KubeletBackOff(int backOffs)
    {
        var seconds = Math.Min(300, 10 * (1 << Math.Min(backOffs, 5)));
        return seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }

    private TimeSpan BackOff(ContainerRuntime container) =>
        options.Timings.BackOff * Math.Min(8, 1 << Math.Min(container.BackOffs, 3));

    private sealed class PodRuntime(DateTimeOffset created, List<ContainerRuntime> containers, string podIp)
    {
        public DateTimeOffset Created { get; } = created;

        public List<ContainerRuntime> Containers { get; } = containers;

        public string PodIp { get; } = podIp;

        public bool Scheduled { get; set; }

        public DateTimeOffset? StartTime { get; set; }
    }

    private sealed class ContainerRuntime(string name, string image)
    {
        public string Name { get; } = name;

        public string Image { get; } = image;

        public ImageBehavior Behavior { get; set; }

        public Stage Stage { get; set; }

        public DateTimeOffset Next { get; set; } = DateTimeOffset.MaxValue;

        public (string Reason, string? Message)? Waiting { get; set; }

        public bool Ready { get; set; }

        public bool Pulled { get; set; }

        public int Restarts { get; set; }

        public int BackOffs { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public string? ContainerId { get; set; }

        public JsonObject? LastTerminated { get; set; }
    }
}
