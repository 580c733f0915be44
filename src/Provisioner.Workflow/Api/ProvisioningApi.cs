using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Api;

/// <summary>
/// The provisions API (start, status, cancel), independent of the host: the Functions app and
/// the tests call the same code with their own <see cref="DurableTaskClient"/>.
/// </summary>
public sealed partial class ProvisioningApi(
    ProvisionRequestValidator validator,
    ProvisioningOptions options,
    ISourceControl sourceControl,
    ILogger<ProvisioningApi> logger)
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = ProvisionRequestReader.MaxBodyBytes;

    private static readonly OrchestrationRuntimeStatus[] Running =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary><c>POST /api/provisions</c>: validates, then starts the provision unless its domain has one running.</summary>
    public async Task<ApiResponse> StartAsync(DurableTaskClient client, ApiRequest request, IManagementLinks links, CancellationToken cancellationToken)
    {
        var (provision, refusal) = validator.Read(request);
        if (provision is null)
        {
            return refusal!;
        }

        var input = provision.ToInput(ProvisionId.New(), options);
        var lockId = DomainLock.InstanceId(provision.Domain);
        try
        {
            // The engine refuses a second schedule of a running lock atomically: no check-then-act race.
            await client.ScheduleNewOrchestrationInstanceAsync(
                OrchestratorNames.DomainLock,
                input,
                new StartOrchestrationOptions(lockId).WithDedupeStatuses(Running),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return await ConflictAsync(client, lockId, provision.Domain, request.BaseUrl, cancellationToken);
        }

        LogStarted(logger, input.ProvisionId, input.Domain, input.TemplateId);
        var self = ProvisionRequestReader.SelfUrl(request.BaseUrl, input.ProvisionId);
        return ApiResponse.Json(
            202,
            new ProvisionAccepted(input.ProvisionId, nameof(ProvisionStatus.Pending), input.Domain,
                new LinksView(self, self + "/cancel", null, null, null), links.For(input.ProvisionId)),
            new Dictionary<string, string> { ["Location"] = self, ["Retry-After"] = "10" });
    }

    /// <summary><c>GET /api/provisions/{id}</c>: the provision's status, timeline, links and failure.</summary>
    public async Task<ApiResponse> GetAsync(DurableTaskClient client, string provisionId, ApiRequest request, CancellationToken cancellationToken)
    {
        var (instance, input) = await FindAsync(client, provisionId, cancellationToken);
        if (instance is null || input is null)
        {
            return NotFound(provisionId);
        }

        return ApiResponse.Json(200, ProvisionView.From(instance, input, request.BaseUrl));
    }

    /// <summary><c>POST /api/provisions/{id}/cancel</c>: terminates a running provision (status Cancelled).</summary>
    public async Task<ApiResponse> CancelAsync(DurableTaskClient client, string provisionId, ApiRequest request, CancellationToken cancellationToken)
    {
        var (instance, input) = await FindAsync(client, provisionId, cancellationToken);
        if (instance is null || input is null)
        {
            return NotFound(provisionId);
        }

        if (!Running.Contains(instance.RuntimeStatus))
        {
            var view = ProvisionView.From(instance, input, request.BaseUrl);
            return new Problem(
                "urn:provisioner:problem:not-running",
                "The provision is not running.",
                409,
                $"Provision {provisionId} already ended with status {view.Status}; there is nothing to cancel.",
                $"/api/provisions/{provisionId}/cancel",
                ProvisionId: provisionId).ToResponse();
        }

        // Right after the 202 the provision may exist only as its lock's input; the lock starts it in
        // moments, and terminating the lock does not stop a sub-orchestration it is about to start.
        if (instance.Name != OrchestratorNames.Provision)
        {
            instance = await WaitForProvisionToStartAsync(client, provisionId, cancellationToken) ?? instance;
        }

        if (instance.Name == OrchestratorNames.Provision)
        {
            await client.TerminateInstanceAsync(provisionId, "Cancelled through the API.", cancellationToken);
        }

        await ReleaseDomainLockAsync(client, input, cancellationToken);
        LogCancelled(logger, provisionId, input.Domain);
        await ClosePullRequestAsync(instance, provisionId, cancellationToken);

        var ended = await WaitBrieflyAsync(client, instance.InstanceId, cancellationToken) ?? instance;
        return ApiResponse.Json(202, ProvisionView.From(ended, input, request.BaseUrl),
            new Dictionary<string, string> { ["Location"] = ProvisionRequestReader.SelfUrl(request.BaseUrl, provisionId) });
    }

    private static ApiResponse NotFound(string provisionId) =>
        Problem.NotFound("provision", $"/api/provisions/{Uri.EscapeDataString(provisionId)}").ToResponse();

    private static async Task ReleaseDomainLockAsync(DurableTaskClient client, ProvisionInput input, CancellationToken cancellationToken)
    {
        var lockId = DomainLock.InstanceId(input.Domain);
        var holder = await client.GetInstanceAsync(lockId, getInputsAndOutputs: true, cancellationToken);
        if (holder is not null && Running.Contains(holder.RuntimeStatus) &&
            holder.ReadInputAs<ProvisionInput>()?.ProvisionId == input.ProvisionId)
        {
            await client.TerminateInstanceAsync(lockId, "Its provision was cancelled.", cancellationToken);
        }
    }

    /// <summary>Closes the cancelled provision's pull request, so nobody merges it later; best effort, the cancel stands either way.</summary>
    private async Task ClosePullRequestAsync(OrchestrationMetadata instance, string provisionId, CancellationToken cancellationToken)
    {
        if (instance.Name != OrchestratorNames.Provision || instance.ReadCustomStatusAs<ProvisionProgress>()?.PullRequestNumber is not { } number)
        {
            return;
        }

        try
        {
            await sourceControl.ClosePullRequestAsync(number, $"Provisioner closed this pull request: provision {provisionId} was cancelled.", cancellationToken);
        }
        catch (IntegrationException ex)
        {
            LogCloseFailed(logger, number, provisionId, ex.Message);
        }
    }

    private static async Task<OrchestrationMetadata?> WaitForProvisionToStartAsync(DurableTaskClient client, string provisionId, CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(5); DateTime.UtcNow < deadline; await Task.Delay(100, cancellationToken))
        {
            if (await client.GetInstanceAsync(provisionId, getInputsAndOutputs: true, cancellationToken) is { } provision)
            {
                return provision;
            }
        }

        return null;
    }

    private static async Task<OrchestrationMetadata?> WaitBrieflyAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        }
    }

    private static async Task<ApiResponse> ConflictAsync(DurableTaskClient client, string lockId, string domain, Uri baseUrl, CancellationToken cancellationToken)
    {
        var holder = await client.GetInstanceAsync(lockId, getInputsAndOutputs: true, cancellationToken);
        var existing = holder?.ReadInputAs<ProvisionInput>()?.ProvisionId;

        // The lock outlives its provision by a moment (it still has to record the result): say so.
        var provision = existing is null ? null : await client.GetInstanceAsync(existing, cancellationToken);
        if (provision is not null && !Running.Contains(provision.RuntimeStatus))
        {
            return new Problem(
                "urn:provisioner:problem:domain-busy",
                "The domain's previous provision is just finishing.",
                409,
                $"Provision {existing} of {domain} has just ended; try again in a second.",
                $"/api/provisions/{existing}",
                ProvisionId: existing).ToResponse(new Dictionary<string, string> { ["Retry-After"] = "1" });
        }

        return new Problem(
            "urn:provisioner:problem:domain-busy",
            "A provision of this domain is already running.",
            409,
            existing is null
                ? $"A provision of {domain} is already running. Wait for it to end, or cancel it, then try again."
                : $"Provision {existing} of {domain} is still running. Follow it at {ProvisionRequestReader.SelfUrl(baseUrl, existing)}, or cancel it, then try again.",
            existing is null ? null : $"/api/provisions/{existing}",
            ProvisionId: existing).ToResponse(existing is null ? null : new Dictionary<string, string> { ["Location"] = ProvisionRequestReader.SelfUrl(baseUrl, existing) });
    }

    private static async Task<(OrchestrationMetadata? Instance, ProvisionInput? Input)> FindAsync(
        DurableTaskClient client, string provisionId, CancellationToken cancellationToken)
    {
        // Only provision ids are looked up, so the API never exposes other instances (locks, deliveries).
        if (!ProvisionId.IsValid(provisionId))
        {
            return (null, null);
        }

        var instance = await client.GetInstanceAsync(provisionId, getInputsAndOutputs: true, cancellationToken);
        if (instance?.Name == OrchestratorNames.Provision)
        {
            return (instance, instance.ReadInputAs<ProvisionInput>());
        }

        // Between the 202 and the lock starting its sub-orchestration the provision exists only as
        // the input of its domain's lock: report it from there (Pending, or Cancelled when cancelled
        // in that moment) instead of a false 404. Such a lock is recent, which bounds the search.
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = DomainLock.InstanceId(string.Empty),
            Statuses = [.. Running, OrchestrationRuntimeStatus.Terminated],
            CreatedFrom = DateTimeOffset.UtcNow.AddDays(-1),
            FetchInputsAndOutputs = true,
        };
        await foreach (var holder in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (holder.ReadInputAs<ProvisionInput>() is { } input && input.ProvisionId == provisionId)
            {
                return (holder, input);
            }
        }

        return (null, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started provision {ProvisionId} of {Domain} from template {TemplateId}.")]
    private static partial void LogStarted(ILogger logger, string provisionId, string domain, string templateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not close pull request #{Number} of cancelled provision {ProvisionId}: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, int number, string provisionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled provision {ProvisionId} of {Domain}.")]
    private static partial void LogCancelled(ILogger logger, string provisionId, string domain);
}

/// <summary>The 202 body of <c>POST /api/provisions</c>.</summary>
/// <param name="ProvisionId">The new provision's id.</param>
/// <param name="Status">Pending.</param>
/// <param name="Domain">The normalized domain.</param>
/// <param name="Links">Where to follow and cancel it.</param>
/// <param name="Durable">The Durable status query URLs.</param>
public sealed record ProvisionAccepted(string ProvisionId, string Status, string Domain, LinksView Links, DurableManagementUrls Durable);
