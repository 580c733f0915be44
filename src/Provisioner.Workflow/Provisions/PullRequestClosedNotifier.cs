using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Provisions;

/// <summary>
/// Tells a provision that its pull request was closed, merged or not, once per report: each
/// report is handed over by a small orchestration whose id is the report's id, scheduled with
/// dedupe on every state, so a repeated report (a webhook redelivery) reaches the provision once.
/// </summary>
public sealed partial class PullRequestClosedNotifier(ILogger<PullRequestClosedNotifier> logger)
{
    private static readonly OrchestrationRuntimeStatus[] AnyStatus =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>Hands the report to its provision, if the provision is still waiting for it.</summary>
    public async Task<NotifyOutcome> NotifyAsync(DurableTaskClient client, PullRequestClosedReport report, CancellationToken cancellationToken)
    {
        var provision = await client.GetInstanceAsync(report.ProvisionId, cancellationToken);
        if (provision is null || provision.Name != ProvisionOrchestrator.Name || !provision.IsRunning)
        {
            return new NotifyOutcome.NotWaiting();
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                PullRequestClosedDelivery.Name,
                new PullRequestClosedDelivery.Input(report.ProvisionId, report.PullRequest),
                new StartOrchestrationOptions(PullRequestClosedDelivery.InstanceId(report.ReportId)).WithDedupeStatuses(AnyStatus),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            LogRepeated(logger, report.ReportId, report.ProvisionId);
            return new NotifyOutcome.AlreadyNotified();
        }

        LogNotified(logger, report.ReportId, report.ProvisionId, report.PullRequest.Merged);
        return new NotifyOutcome.Notified();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} for provision {ProvisionId} was a repeat; ignored.")]
    private static partial void LogRepeated(ILogger logger, Guid reportId, string provisionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId}: provision {ProvisionId} pull request closed (merged: {Merged}).")]
    private static partial void LogNotified(ILogger logger, Guid reportId, string provisionId, bool merged);
}

/// <summary>A provision's pull request was closed, merged or not, as one report (a webhook delivery) says.</summary>
/// <param name="ReportId">The report's id; a repeated report has the same id (GitHub's delivery id).</param>
/// <param name="ProvisionId">The provision whose pull request it is.</param>
/// <param name="PullRequest">What the report says happened.</param>
public sealed record PullRequestClosedReport(Guid ReportId, string ProvisionId, PullRequestClosed PullRequest);

/// <summary>What became of a report.</summary>
public abstract record NotifyOutcome
{
    private NotifyOutcome()
    {
    }

    /// <summary>The provision was told.</summary>
    public sealed record Notified : NotifyOutcome;

    /// <summary>This report had already been handed over; nothing was done.</summary>
    public sealed record AlreadyNotified : NotifyOutcome;

    /// <summary>The provision is not running (ended, or never existed): nobody is waiting.</summary>
    public sealed record NotWaiting : NotifyOutcome;
}
