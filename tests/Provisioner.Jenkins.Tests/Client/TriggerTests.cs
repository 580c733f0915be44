using Provisioner.Jenkins.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>Queueing a build once per provision, with every parameter delivered as given.</summary>
public sealed class TriggerTests : IAsyncLifetime
{
    private JenkinsTestBed bed = null!;

    public async Task InitializeAsync() => bed = await JenkinsTestBed.StartAsync(fakeTime: true);

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task The_trigger_queues_one_build_with_every_parameter_and_returns_its_queue_item()
    {
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        var queued = await jenkins.TriggerBuildAsync("prov-1", job, JenkinsTestBed.Parameters("prov-1"), CancellationToken.None);

        var item = bed.Simulator.State.FindQueueItem(queued.QueueItemId)!;
        Assert.Equal(1, item.Id);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, $"queue/item/{item.Id}/").ToString(), queued.QueueItemUrl);
        Assert.Equal("prov-1", queued.ProvisionId);
        Assert.Equal(job, queued.Job);
        Assert.Equal(
            JenkinsTestBed.Parameters("prov-1").OrderBy(p => p.Key, StringComparer.Ordinal),
            item.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Values_reach_the_build_exactly_as_given()
    {
        const string hostile = "a&b=c\n<x>]]>\"'${PROVISION_ID} %20+é";
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var parameters = JenkinsTestBed.Parameters("prov-2");
        parameters["IMAGE"] = hostile;

        var queued = await jenkins.TriggerBuildAsync("prov-2", job, parameters, CancellationToken.None);

        Assert.Equal(hostile, bed.Simulator.State.FindQueueItem(queued.QueueItemId)!.Parameters.Single(p => p.Name == "IMAGE").Value);
    }

    [Fact]
    public async Task The_provision_id_is_added_when_the_parameters_lack_it()
    {
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var parameters = JenkinsTestBed.Parameters("ignored");
        parameters.Remove(BuildParameterNames.ProvisionId);

        var queued = await jenkins.TriggerBuildAsync("prov-3", job, parameters, CancellationToken.None);

        Assert.Equal("prov-3", bed.Simulator.State.FindQueueItem(queued.QueueItemId)!.Parameters.Single(p => p.Name == BuildParameterNames.ProvisionId).Value);
    }

    [Fact]
    public async Task A_retried_trigger_finds_the_item_still_in_the_queue()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { QueueWait = TimeSpan.FromMinutes(10) };
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var first = await jenkins.TriggerBuildAsync("prov-4", job, JenkinsTestBed.Parameters("prov-4"), CancellationToken.None);

        var again = await jenkins.TriggerBuildAsync("prov-4", job, JenkinsTestBed.Parameters("prov-4"), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Single(bed.Simulator.State.Queue);
        Assert.Single(bed.Calls, c => c.EndsWith("/buildWithParameters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_trigger_finds_the_build_once_it_started_and_even_after_the_queue_forgot_it()
    {
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var first = await jenkins.TriggerBuildAsync("prov-5", job, JenkinsTestBed.Parameters("prov-5"), CancellationToken.None);
        await Eventually.Until(() => bed.Simulator.State.FindJob(job.FullName)!.Builds.Count, n => n == 1, "the build to start");
        bed.Time!.Advance(TimeSpan.FromMinutes(10));

        var again = await jenkins.TriggerBuildAsync("prov-5", job, JenkinsTestBed.Parameters("prov-5"), CancellationToken.None);

        Assert.Null(bed.Simulator.State.FindQueueItem(first.QueueItemId));
        Assert.Equal(first, again);
        Assert.Single(bed.Simulator.State.FindJob(job.FullName)!.Builds);
    }

    [Fact]
    public async Task Another_provision_of_the_same_site_gets_its_own_build()
    {
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        var first = await jenkins.TriggerBuildAsync("prov-6", job, JenkinsTestBed.Parameters("prov-6"), CancellationToken.None);
        var second = await jenkins.TriggerBuildAsync("prov-7", job, JenkinsTestBed.Parameters("prov-7"), CancellationToken.None);

        Assert.NotEqual(first.QueueItemId, second.QueueItemId);
    }

    [Fact]
    public async Task A_lost_answer_to_the_trigger_does_not_queue_a_second_build_on_retry()
    {
        bed.Simulator.Faults.Add(new FaultRule("POST", "/job/provisioned-sites/job/shop-example-com/buildWithParameters") { DropConnection = true, AfterHandling = true });
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        await Assert.ThrowsAsync<TransientIntegrationException>(() => jenkins.TriggerBuildAsync("prov-8", job, JenkinsTestBed.Parameters("prov-8"), CancellationToken.None));
        var queued = await jenkins.TriggerBuildAsync("prov-8", job, JenkinsTestBed.Parameters("prov-8"), CancellationToken.None);

        Assert.Equal(1, queued.QueueItemId);
        Assert.Null(bed.Simulator.State.FindQueueItem(2));
        Assert.Single(bed.Calls, c => c.EndsWith("/buildWithParameters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_that_lost_its_parameters_is_a_permanent_error_explaining_why()
    {
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        lock (bed.Simulator.State.Sync)
        {
            bed.Simulator.State.FindJob(job.FullName)!.Configuration = bed.Simulator.State.FindJob(job.FullName)!.Configuration with { Parameters = [] };
        }

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(() => jenkins.TriggerBuildAsync("prov-9", job, JenkinsTestBed.Parameters("prov-9"), CancellationToken.None));

        Assert.Contains("declares no parameters", failure.Message, StringComparison.Ordinal);
        Assert.Contains("parameters' block", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_job_is_a_permanent_error()
    {
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        lock (bed.Simulator.State.Sync)
        {
            bed.Simulator.State.FindJob(job.FullName)!.Configuration = bed.Simulator.State.FindJob(job.FullName)!.Configuration with { Disabled = true };
        }

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(() => jenkins.TriggerBuildAsync("prov-10", job, JenkinsTestBed.Parameters("prov-10"), CancellationToken.None));

        Assert.Contains("is disabled", failure.Message, StringComparison.Ordinal);
    }
}
