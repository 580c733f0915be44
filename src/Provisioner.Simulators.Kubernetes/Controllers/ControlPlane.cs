using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes.Controllers;

/// <summary>
/// Runs the controllers in one loop: on every API change and every tick, garbage collection, the
/// deployment and replica set controllers, the kubelet and the ingress controller, in that order
/// (so a new Deployment gets its ReplicaSet and pods in one pass).
/// </summary>
internal sealed class ControlPlane : IAsyncDisposable
{
    private readonly ObjectStore store;
    private readonly KubernetesSimulatorOptions options;
    private readonly DeploymentController deployments;
    private readonly ReplicaSetController replicaSets;
    private readonly Kubelet kubelet;
    private readonly IngressController ingresses;
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    public ControlPlane(ObjectStore store, KubernetesSimulatorOptions options)
    {
        this.store = store;
        this.options = options;
        var events = new EventRecorder(store);
        deployments = new DeploymentController(store, events, options);
        replicaSets = new ReplicaSetController(store, events);
        kubelet = new Kubelet(store, events, options);
        ingresses = new IngressController(store, events, options);
    }

    public void Start()
    {
        store.Changed += Wake;
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        store.Changed -= Wake;
        await stop.CancelAsync();
        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        stop.Dispose();
        wake.Dispose();
    }

    /// <summary>The last failure of a reconcile pass, if any.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>One pass of every controller (tests with a fake clock call it after advancing time).</summary>
    public void Reconcile()
    {
        var now = options.TimeProvider.GetUtcNow();
        CollectGarbage();
        deployments.Reconcile(now);
        replicaSets.Reconcile();
        kubelet.Reconcile(now);
        ingresses.Reconcile(now);
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Reconcile();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A controller bug must not stop the others; tests read it here.
                LastError = ex;
            }

            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(options.Timings.Tick, options.TimeProvider, tick.Token);
            await Task.WhenAny(delay, wake.WaitAsync(tick.Token));
            await tick.CancelAsync();
        }
    }

    // Background propagation: what a deleted owner owned goes too.
    private void CollectGarbage()
    {
        foreach (var kind in new[] { ResourceKind.ReplicaSets, ResourceKind.Pods })
        {
            var (items, _) = store.List(kind, null, o => o["metadata"]?["ownerReferences"] is System.Text.Json.Nodes.JsonArray { Count: > 0 });
            foreach (var item in items)
            {
                var owner = item["metadata"]!["ownerReferences"]![0]!;
                var ownerKind = owner["kind"]?.GetValue<string>() == "Deployment" ? ResourceKind.Deployments : ResourceKind.ReplicaSets;
                var ownerName = owner["name"]!.GetValue<string>();
                var namespaceName = item["metadata"]!["namespace"]!.GetValue<string>();
                var live = store.Get(ownerKind, namespaceName, ownerName);
                if (live?["metadata"]?["uid"]?.GetValue<string>() != owner["uid"]?.GetValue<string>())
                {
                    try
                    {
                        store.Delete(kind, namespaceName, item["metadata"]!["name"]!.GetValue<string>());
                    }
                    catch (ApiError)
                    {
                        // Already gone.
                    }
                }
            }
        }
    }
}
