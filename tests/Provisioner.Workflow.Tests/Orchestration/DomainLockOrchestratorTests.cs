using Microsoft.DurableTask;
using Moq;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>The domain lock against a mocked context: it takes the cancels of its provision and cleans up after a provision that was stopped.</summary>
public sealed class DomainLockOrchestratorTests
{
    private readonly Mock<TaskOrchestrationContext> context = new();
    private readonly Queue<CancelRequest> early = new();
    private TaskCompletionSource<CancelRequest>? waiting;
    private readonly ProvisionInput input = new OrchestratorScenario().Input;
    private readonly TaskCompletionSource<ProvisionProgress> provision = new();
    private readonly TaskCompletionSource startTimer = new();
    private readonly List<(string Instance, object? Payload)> sent = [];
    private readonly List<ClosePullRequestInput> closed = [];
    private int subOrchestrations;

    public DomainLockOrchestratorTests()
    {
        context.Setup(c => c.CurrentUtcDateTime).Returns(new DateTime(1999, 12, 31, 12, 0, 0, DateTimeKind.Utc));
        context.Setup(c => c.WaitForExternalEvent<CancelRequest>(EventNames.Cancel, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                waiting = new TaskCompletionSource<CancelRequest>();
                if (early.TryDequeue(out var request))
                {
                    waiting.SetResult(request);
                }

                return waiting.Task;
            });
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(startTimer.Task);
        context.Setup(c => c.CallSubOrchestratorAsync<ProvisionProgress>(It.Is<TaskName>(n => n.Name == ProvisionOrchestrator.Name), input, It.IsAny<TaskOptions?>()))
            .Returns(() =>
            {
                subOrchestrations++;
                return provision.Task;
            });
        context.Setup(c => c.SendEvent(It.IsAny<string>(), EventNames.Cancel, It.IsAny<object>()))
            .Callback<string, string, object>((instance, _, payload) => sent.Add((instance, payload)));
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == ClosePullRequestActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, close, _) =>
            {
                closed.Add((ClosePullRequestInput)close!);
                return Task.FromResult(true);
            });
    }

    [Fact]
    public async Task A_cancel_raised_before_the_lock_first_ran_means_the_provision_never_starts()
    {
        Cancel(input.ProvisionId);

        var result = await Run();

        Assert.Equal(ProvisionStatus.Cancelled, result!.Status);
        Assert.Equal(input.ProvisionId, result.ProvisionId);
        Assert.Equal(0, subOrchestrations);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task A_later_cancel_is_forwarded_to_the_provision_and_a_cancel_for_another_provision_is_not()
    {
        var running = RunAfterStart();
        Cancel("prv-" + new string('9', 32));
        Cancel(input.ProvisionId);
        provision.SetResult(new ProvisionProgress { ProvisionId = input.ProvisionId, Status = ProvisionStatus.Cancelled });

        var result = await running;

        Assert.Equal(ProvisionStatus.Cancelled, result!.Status);
        var forwarded = Assert.Single(sent);
        Assert.Equal(input.ProvisionId, forwarded.Instance);
        Assert.Equal(new CancelRequest(input.ProvisionId), forwarded.Payload);
    }

    [Fact]
    public async Task A_provision_stopped_from_outside_gets_its_pull_request_closed_by_its_branch()
    {
        var running = RunAfterStart();
        provision.SetException(new TaskFailedException(ProvisionOrchestrator.Name, 1, new TaskFailureDetails("TerminatedException", "Stopped by an operator.", null, null, null)));

        var result = await running;

        Assert.Null(result);
        var close = Assert.Single(closed);
        Assert.Null(close.Number);
        Assert.Equal(input.ProvisionId, close.ProvisionId);
        Assert.Contains(input.ProvisionId, close.Reason);
    }

    private Task<ProvisionProgress?> Run() => new DomainLockOrchestrator().RunAsync(context.Object, input);

    private Task<ProvisionProgress?> RunAfterStart()
    {
        startTimer.SetResult();
        var running = Run();
        Assert.Equal(1, subOrchestrations);
        return running;
    }

    /// <summary>Raises a cancel: to the lock's current wait, or, before the lock waits, buffered as the engine buffers it.</summary>
    private void Cancel(string provisionId)
    {
        if (waiting is { Task.IsCompleted: false } current)
        {
            current.SetResult(new CancelRequest(provisionId));
        }
        else
        {
            early.Enqueue(new CancelRequest(provisionId));
        }
    }
}
