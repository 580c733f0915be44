using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// Keeps a provision's <see cref="ProvisionProgress"/> and publishes it as the orchestration's
/// custom status on every change. Times come from the orchestration clock, so replays agree.
/// </summary>
internal sealed class ProgressTracker
{
    private readonly TaskOrchestrationContext context;

    public ProgressTracker(TaskOrchestrationContext context, ProvisionInput input)
    {
        this.context = context;
        Progress = new ProvisionProgress
        {
            ProvisionId = input.ProvisionId,
            Domain = input.Domain,
            AppType = input.AppType,
            TemplateId = input.TemplateId,
            Status = ProvisionStatus.Pending,
        };
    }

    public ProvisionProgress Progress { get; }

    /// <summary>The step begun last (the first step before any has begun).</summary>
    public ProvisionStep CurrentStep { get; private set; } = ProvisionStep.PullRequest;

    private StepRecord? Running => Progress.Steps.LastOrDefault(s => s.Outcome == StepOutcome.Running);

    /// <summary>Starts <paramref name="step"/>: the provision takes the step's status.</summary>
    public void Begin(ProvisionStep step)
    {
        CurrentStep = step;
        Progress.Status = step.Status;
        Progress.Steps.Add(new StepRecord { Name = step.Name, Outcome = StepOutcome.Running, StartedAt = context.CurrentUtcDateTime });
        Publish();
    }

    /// <summary>Ends the running step as succeeded.</summary>
    public void Succeed(string? detail = null)
    {
        EndStep(StepOutcome.Succeeded, detail);
        Publish();
    }

    /// <summary>Sets a note on the running step without ending it (e.g. the build number).</summary>
    public void Note(string detail)
    {
        if (Running is { } step && step.Detail != detail)
        {
            step.Detail = detail;
            Publish();
        }
    }

    /// <summary>Updates links and publishes.</summary>
    public void Link(Action<ProvisionLinks> update)
    {
        update(Progress.Links);
        Publish();
    }

    /// <summary>Records the opened pull request: its number, URL and the path that opened it.</summary>
    public void PullRequestOpened(PullRequestRef pullRequest)
    {
        Progress.PullRequestNumber = pullRequest.Number;
        Progress.PullRequestOpenedVia = pullRequest.OpenedVia;
        Progress.Links.PullRequestUrl = pullRequest.Url;
        Publish();
    }

    /// <summary>Records the applied Ingress.</summary>
    public void IngressApplied(string name)
    {
        Progress.Ingress = new IngressProgress { Name = name };
        Publish();
    }

    /// <summary>Records where the ingress controller serves the Ingress.</summary>
    public void IngressAddressed(string address)
    {
        if (Progress.Ingress is { } ingress && ingress.Address != address)
        {
            ingress.Address = address;
            Publish();
        }
    }

    /// <summary>Records a probe of the live site, and its detail as the running step's note.</summary>
    public void Probed(LiveProbeResult probe)
    {
        if (Progress.Ingress is { } ingress && ingress.Probe != probe)
        {
            ingress.Probe = probe;
            Publish();
        }

        Note(probe.Detail);
    }

    /// <summary>Ends the running step and the provision in a terminal state that is not a failure.</summary>
    public ProvisionProgress End(ProvisionStatus status, StepOutcome outcome, string detail)
    {
        EndStep(outcome, detail);
        Progress.Status = status;
        Publish();
        return Progress;
    }

    /// <summary>Ends the running step and the provision as Failed; <paramref name="note"/> adds to the step's detail.</summary>
    public ProvisionProgress Fail(string cause, string remedy, string note = "", FailureEvidence? evidence = null)
    {
        EndStep(StepOutcome.Failed, cause + note);
        Progress.Status = ProvisionStatus.Failed;
        Progress.Failure = new ProvisionFailure(CurrentStep.Name, cause, remedy, evidence);
        Publish();
        return Progress;
    }

    private void EndStep(StepOutcome outcome, string? detail)
    {
        if (Running is not { } step)
        {
            return;
        }

        step.Outcome = outcome;
        step.EndedAt = context.CurrentUtcDateTime;
        step.Detail = detail ?? step.Detail;
    }

    private void Publish() => context.SetCustomStatus(Progress);
}
