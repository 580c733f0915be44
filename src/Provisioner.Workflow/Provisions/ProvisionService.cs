using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Provisions;

/// <summary>
/// Starts, reads, cancels and lists provisions, whatever the host: each call takes the host's
/// <see cref="DurableTaskClient"/> (the Functions app's comes from its binding).
/// </summary>
public sealed partial class ProvisionService(IOptions<ProvisioningOptions> options, ILogger<ProvisionService> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Running =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>Starts a provision of a valid request, unless its domain has one running.</summary>
    public async Task<StartOutcome> StartAsync(DurableTaskClient client, ProvisionRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var input = new ProvisionInput(
            ProvisionId.New(request.Domain),
            request.Domain,
            request.AppType,
            request.TemplateId,
            SiteIdentity.For(request.Domain, settings.KubernetesNamespace),
            settings.Timings);
        var lockId = DomainLock.InstanceIdFor(request.Domain);
        try
        {
            // The engine refuses a second schedule of a running lock atomically: no check-then-act race.
            await client.ScheduleNewOrchestrationInstanceAsync(
                DomainLockOrchestrator.Name,
                input,
                new StartOrchestrationOptions(lockId).WithDedupeStatuses(Running),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return await DomainBusyAsync(client, lockId, request.Domain, cancellationToken);
        }

        LogStarted(logger, input.ProvisionId, input.Domain, input.TemplateId);
        return new StartOutcome.Started(input.ProvisionId, input.Domain);
    }

    /// <summary>The provision with this id, or null when there is none.</summary>
    public async Task<ProvisionView?> GetAsync(DurableTaskClient client, string provisionId, CancellationToken cancellationToken) =>
        await FindAsync(client, provisionId, cancellationToken) is { } found ? ProvisionView.From(found.Instance, found.Input) : null;

    /// <summary>
    /// Asks a running provision to cancel. The request is raised as an event on the domain's lock,
    /// which exists from the moment the provision was accepted and hands it to the provision; the
    /// provision records Cancelled and closes its pull request. Returns at once.
    /// </summary>
    public async Task<CancelOutcome> CancelAsync(DurableTaskClient client, string provisionId, CancellationToken cancellationToken)
    {
        if (await FindAsync(client, provisionId, cancellationToken) is not { } found)
        {
            return new CancelOutcome.NotFound();
        }

        var (instance, input) = found;

        var view = ProvisionView.From(instance, input);
        if (!Running.Contains(instance.RuntimeStatus))
        {
            return new CancelOutcome.AlreadyEnded(view);
        }

        // Only ever raised on an instance just read as running: an event for an instance that does
        // not exist sends the in-process engine into an endless retry loop.
        var lockId = DomainLock.InstanceIdOf(provisionId);
        var holder = instance.InstanceId == lockId ? instance : await client.GetInstanceAsync(lockId, getInputsAndOutputs: true, cancellationToken);
        var target = holder is not null && Running.Contains(holder.RuntimeStatus) && holder.ReadInputAs<ProvisionInput>()?.ProvisionId == provisionId
            ? lockId
            : provisionId;
        await client.RaiseEventAsync(target, EventNames.Cancel, new CancelRequest(provisionId), cancellationToken);
        LogCancelRequested(logger, provisionId, input.Domain);
        return new CancelOutcome.Accepted(view);
    }

    /// <summary>
    /// A page of provisions, newest first. The durable engine's query has no order, so each page
    /// reads every provision created before the page's position (of one domain, when the query
    /// names one: its provision ids share a prefix) and keeps the newest. A provision is listed
    /// once its orchestration has started, a moment after its 202.
    /// </summary>
    public async Task<ProvisionPage> ListAsync(DurableTaskClient client, ProvisionQuery query, CancellationToken cancellationToken)
    {
        var engineQuery = new OrchestrationQuery
        {
            InstanceIdPrefix = query.Domain is null ? ProvisionId.AnyPrefix : ProvisionId.PrefixFor(query.Domain),
            CreatedTo = query.After?.CreatedAt,
            Statuses = query.Status is { } status ? RuntimeStatusesOf(status) : null,
            FetchInputsAndOutputs = true,
            PageSize = 200,
        };

        // The newest PageSize + 1 matches; the extra one only says whether there is a next page.
        var newest = new PriorityQueue<ProvisionView, (DateTime CreatedAt, string Id)>(Comparer<(DateTime CreatedAt, string Id)>.Create(
            (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id)));
        await foreach (var instance in client.GetAllInstancesAsync(engineQuery).WithCancellation(cancellationToken))
        {
            if (instance.Name != ProvisionOrchestrator.Name ||
                query.After?.Precedes(instance.CreatedAt, instance.InstanceId) == false ||
                instance.ReadInputAs<ProvisionInput>() is not { } input ||
                ProvisionView.From(instance, input) is not { } view ||
                (query.Status is { } wanted && view.Status != wanted))
            {
                continue;
            }

            newest.Enqueue(view, (view.CreatedAt, view.ProvisionId));
            if (newest.Count > query.PageSize + 1)
            {
                newest.Dequeue();
            }
        }

        var page = new List<ProvisionView>(newest.Count);
        while (newest.TryDequeue(out var view, out _))
        {
            page.Add(view);
        }

        page.Reverse();
        if (page.Count <= query.PageSize)
        {
            return new ProvisionPage(page, null);
        }

        page.RemoveAt(page.Count - 1);
        var last = page[^1];
        return new ProvisionPage(page, new ProvisionCursor(new DateTimeOffset(last.CreatedAt, TimeSpan.Zero), last.ProvisionId));
    }

    /// <summary>The runtime states a provision in <paramref name="status"/> can be in: narrows the engine's query.</summary>
    private static OrchestrationRuntimeStatus[] RuntimeStatusesOf(ProvisionStatus status) => status switch
    {
        ProvisionStatus.Failed => [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed],
        ProvisionStatus.Cancelled => [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated],
        _ when status.IsTerminal() => [OrchestrationRuntimeStatus.Completed],
        _ => Running,
    };

    /// <summary>
    /// The durable instance that stands for a provision: the provision's own, or, between the 202
    /// and the lock starting it, its domain lock (whose id the provision id names). Two reads at most.
    /// </summary>
    private static async Task<(OrchestrationMetadata Instance, ProvisionInput Input)?> FindAsync(
        DurableTaskClient client, string provisionId, CancellationToken cancellationToken)
    {
        // Only provision ids are looked up, so the API never exposes other instances (locks, deliveries).
        if (!ProvisionId.IsValid(provisionId))
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(provisionId, getInputsAndOutputs: true, cancellationToken);
        if (instance?.Name == ProvisionOrchestrator.Name && instance.ReadInputAs<ProvisionInput>() is { } input)
        {
            return (instance, input);
        }

        var holder = await client.GetInstanceAsync(DomainLock.InstanceIdOf(provisionId), getInputsAndOutputs: true, cancellationToken);
        return holder?.ReadInputAs<ProvisionInput>() is { } held && held.ProvisionId == provisionId ? (holder, held) : null;
    }

    private static async Task<StartOutcome> DomainBusyAsync(DurableTaskClient client, string lockId, string domain, CancellationToken cancellationToken)
    {
        var holder = await client.GetInstanceAsync(lockId, getInputsAndOutputs: true, cancellationToken);
        var existing = holder?.ReadInputAs<ProvisionInput>()?.ProvisionId;

        // The lock outlives its provision by a moment (it still has to record the result).
        var provision = existing is null ? null : await client.GetInstanceAsync(existing, cancellationToken);
        return new StartOutcome.DomainBusy(domain, existing, JustFinishing: provision is not null && !Running.Contains(provision.RuntimeStatus));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started provision {ProvisionId} of {Domain} from template {TemplateId}.")]
    private static partial void LogStarted(ILogger logger, string provisionId, string domain, string templateId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancel of provision {ProvisionId} of {Domain} requested.")]
    private static partial void LogCancelRequested(ILogger logger, string provisionId, string domain);
}
