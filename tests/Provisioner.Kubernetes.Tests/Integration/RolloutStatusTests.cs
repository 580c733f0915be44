using System.Text.Json.Nodes;
using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes.Tests.Integration;

/// <summary>
/// One read of a Deployment judged as <c>kubectl rollout status</c> judges it, for statuses shaped as
/// the deployment controller writes them (seeded with the controllers off, read through the API).
/// </summary>
public sealed class RolloutStatusTests
{
    public static TheoryData<string, JsonObject, RolloutState, string> Statuses => new()
    {
        {
            "fresh: created, nothing observed yet",
            Deployment(generation: 1, replicas: 2, status: new JsonObject()),
            RolloutState.Progressing, "Waiting for deployment spec update to be observed..."
        },
        {
            "new replica set created, no pod updated yet",
            Deployment(1, 2, Status(observed: 1, conditions: Progressing("True", "NewReplicaSetCreated", "Created new replica set \"shop-example-com-7d9c5b\""))),
            RolloutState.Progressing, "Waiting for deployment \"shop-example-com\" rollout to finish: 0 out of 2 new replicas have been updated..."
        },
        {
            "mid update: one of two new replicas",
            Deployment(2, 2, Status(observed: 2, replicas: 3, updated: 1, ready: 2, available: 2, conditions: Progressing("True", "ReplicaSetUpdated", "ReplicaSet \"shop-example-com-7d9c5b\" is progressing."))),
            RolloutState.Progressing, "Waiting for deployment \"shop-example-com\" rollout to finish: 1 out of 2 new replicas have been updated..."
        },
        {
            "old replicas left",
            Deployment(2, 2, Status(observed: 2, replicas: 3, updated: 2, ready: 3, available: 3)),
            RolloutState.Progressing, "Waiting for deployment \"shop-example-com\" rollout to finish: 1 old replicas are pending termination..."
        },
        {
            "updated but unavailable",
            Deployment(1, 2, Status(observed: 1, replicas: 2, updated: 2, ready: 1, available: 1, unavailable: 1)),
            RolloutState.Progressing, "Waiting for deployment \"shop-example-com\" rollout to finish: 1 of 2 updated replicas are available..."
        },
        {
            "observedGeneration behind a finished-looking status",
            Deployment(3, 2, Status(observed: 2, replicas: 2, updated: 2, ready: 2, available: 2)),
            RolloutState.Progressing, "Waiting for deployment spec update to be observed..."
        },
        {
            "Available=True is not enough while old pods remain",
            Deployment(2, 2, Status(observed: 2, replicas: 4, updated: 2, ready: 4, available: 4, conditions: Available("True"))),
            RolloutState.Progressing, "Waiting for deployment \"shop-example-com\" rollout to finish: 2 old replicas are pending termination..."
        },
        {
            "progress deadline exceeded",
            Deployment(1, 2, Status(observed: 1, replicas: 2, updated: 2, unavailable: 2, conditions: Progressing("False", "ProgressDeadlineExceeded", "ReplicaSet \"shop-example-com-7d9c5b\" has timed out progressing."))),
            RolloutState.Failed, "deployment \"shop-example-com\" exceeded its progress deadline"
        },
        {
            "paused mid rollout",
            Deployment(2, 2, Status(observed: 2, replicas: 2, updated: 0, ready: 2, available: 2, conditions: Progressing("Unknown", "DeploymentPaused", "Deployment is paused")), paused: true),
            RolloutState.Progressing, "Waiting for deployment \"shop-example-com\" rollout to finish: 0 out of 2 new replicas have been updated... The Deployment is paused"
        },
        {
            "scaled to 0",
            Deployment(4, 0, Status(observed: 4)),
            RolloutState.Complete, "deployment \"shop-example-com\" successfully rolled out"
        },
        {
            "complete",
            Deployment(1, 2, Status(observed: 1, replicas: 2, updated: 2, ready: 2, available: 2, conditions: Progressing("True", "NewReplicaSetAvailable", "ReplicaSet \"shop-example-com-7d9c5b\" has successfully progressed."))),
            RolloutState.Complete, "deployment \"shop-example-com\" successfully rolled out"
        },
        {
            "complete after an earlier deadline was exceeded and the spec changed (condition replaced)",
            Deployment(5, 1, Status(observed: 5, replicas: 1, updated: 1, ready: 1, available: 1, conditions: Progressing("True", "NewReplicaSetAvailable", "ReplicaSet \"shop-example-com-55f\" has successfully progressed."))),
            RolloutState.Complete, "deployment \"shop-example-com\" successfully rolled out"
        },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Judges_each_status_as_kubectl_does(string description, JsonObject deployment, RolloutState state, string message)
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        bed.Simulator.State.Seed(deployment);

        var status = await bed.Cluster().GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None);

        Assert.True(state == status.State, $"{description}: expected {state}, got {status.State} ({status.Message})");
        Assert.StartsWith(message, status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_Deployment_is_NotFound_with_the_API_servers_words()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);

        var status = await bed.Cluster().GetRolloutStatusAsync(KubernetesTestBed.Site(), CancellationToken.None);

        Assert.Equal(RolloutState.NotFound, status.State);
        Assert.Contains("deployments.apps \"shop-example-com\" not found", status.Message, StringComparison.Ordinal);
    }

    private static JsonObject Deployment(long generation, int replicas, JsonObject status, bool paused = false)
    {
        var spec = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = "shop-example-com" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "shop-example-com" } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "registry.example.com/sites/shop-example-com:1" }) },
            },
        };
        if (paused)
        {
            spec["paused"] = true;
        }

        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "shop-example-com", ["namespace"] = KubernetesTestBed.Namespace },
            ["spec"] = spec,
            ["status"] = status,
        };
        deployment["metadata"]!["generation"] = generation;
        return deployment;
    }

    private static JsonObject Status(long observed, int? replicas = null, int? updated = null, int? ready = null, int? available = null, int? unavailable = null, params JsonObject[] conditions)
    {
        var status = new JsonObject { ["observedGeneration"] = observed };
        void Set(string name, int? value)
        {
            if (value is { } v)
            {
                status[name] = v;
            }
        }

        Set("replicas", replicas);
        Set("updatedReplicas", updated);
        Set("readyReplicas", ready);
        Set("availableReplicas", available);
        Set("unavailableReplicas", unavailable);
        if (conditions.Length > 0)
        {
            status["conditions"] = new JsonArray([.. conditions]);
        }

        return status;
    }

    private static JsonObject Progressing(string status, string reason, string message) => Condition("Progressing", status, reason, message);

    private static JsonObject Available(string status) =>
        Condition("Available", status, status == "True" ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", status == "True" ? "Deployment has minimum availability." : "Deployment does not have minimum availability.");

    private static JsonObject Condition(string type, string status, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = "2026-11-24T10:00:00Z",
        ["lastTransitionTime"] = "2026-11-24T10:00:00Z",
        ["reason"] = reason,
        ["message"] = message,
    };
}
