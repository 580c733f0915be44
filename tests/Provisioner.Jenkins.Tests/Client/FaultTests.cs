using System.Text.RegularExpressions;
using Provisioner.Jenkins.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Jenkins.Model;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>
/// Every fault kind at every request the client makes: the call fails as transient (what the durable
/// retry policy retries), with the cause and without the token, and the next attempt completes the
/// work without doing any of it twice.
/// </summary>
public sealed class FaultTests
{
    private const string Job = "/job/provisioned-sites/job/shop-example-com/";
    // Well above a loaded machine's latency, and well below the injected delay.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan InjectedDelay = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, Step> Steps = new Step[]
    {
        new("ensure: read the folder", "GET", "/job/provisioned-sites/api/json", Nothing, Ensure),
        new("ensure: fetch the crumb", "GET", "/crumbIssuer/api/json", Nothing, Ensure),
        new("ensure: create the folder", "POST", "/createItem", Nothing, Ensure),
        new("ensure: read the job's config", "GET", Job + "config.xml", Nothing, Ensure),
        new("ensure: create the job", "POST", "/job/provisioned-sites/createItem", Nothing, Ensure),
        new("ensure: update the job's config", "POST", Job + "config.xml", Ensured, (_, j, _) => j.EnsureJobAsync(JenkinsTestBed.Spec("release"), CancellationToken.None)),
        new("trigger: read the queue", "GET", "/queue/api/json", Ensured, Trigger),
        new("trigger: list the builds", "GET", Job + "api/json", Ensured, Trigger),
        new("trigger: fetch the crumb", "GET", "/crumbIssuer/api/json", Ensured, Trigger),
        new("trigger: queue the build", "POST", Job + "buildWithParameters", Ensured, Trigger),
        new("progress: read the queue item", "GET", "/queue/item/1/api/json", FailedBuild, Progress),
        new("progress: list the builds once the queue forgot the item", "GET", Job + "api/json", ForgottenBuild, Progress),
        new("progress: read the console", "GET", Job + "1/consoleText", FailedBuild, Progress),
    }.ToDictionary(s => s.Name);

    private static readonly Dictionary<string, Func<string, string, FaultRule>> Faults = new()
    {
        ["500"] = (method, path) => new FaultRule(method, path) { StatusCode = 500 },
        ["503 + Retry-After"] = (method, path) => new FaultRule(method, path) { StatusCode = 503, RetryAfterSeconds = 30 },
        ["429 + Retry-After"] = (method, path) => new FaultRule(method, path) { StatusCode = 429, RetryAfterSeconds = 120 },
        [Delay] = (method, path) => new FaultRule(method, path) { Delay = InjectedDelay },
        ["dropped before handling"] = (method, path) => new FaultRule(method, path) { DropConnection = true },
        ["dropped after handling"] = (method, path) => new FaultRule(method, path) { DropConnection = true, AfterHandling = true },
    };

    public const string Delay = "delay past the attempt timeout";

    public static TheoryData<string, string> Cases(bool delays)
    {
        var cases = new TheoryData<string, string>();
        foreach (var step in Steps.Keys)
        {
            foreach (var fault in Faults.Keys.Where(f => (f == Delay) == delays))
            {
                cases.Add(step, fault);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases), false)]
    public Task A_fault_is_transient_and_the_retry_finishes_the_work_once(string step, string fault) => RunAsync(step, fault);

    /// <summary>Injects the fault, checks the failure, retries and checks nothing was done twice.</summary>
    internal static async Task RunAsync(string stepName, string faultName)
    {
        var step = Steps[stepName];
        await using var bed = await JenkinsTestBed.StartAsync(configure: o => o.Scripts.Default = new BuildScript { Result = BuildResult.Failure, Duration = TimeSpan.Zero });
        var context = await step.Arrange(bed, bed.BuildServer());
        var jenkins = bed.BuildServer(attemptTimeout: AttemptTimeout);
        var rule = bed.Simulator.Faults.Add(Faults[faultName](step.Method, Regex.Escape(step.Path)));

        var failure = await Assert.ThrowsAsync<TransientIntegrationException>(() => step.Act(bed, jenkins, context));

        Assert.Equal(1, rule.Hits);
        Assert.DoesNotContain(JenkinsTestBed.Token, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("The step is retried.", failure.Message, StringComparison.Ordinal);
        if (rule.StatusCode is { } status)
        {
            Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        }

        if (rule.RetryAfterSeconds is { } seconds)
        {
            Assert.Contains($"Retry after {seconds}s.", failure.Message, StringComparison.Ordinal);
        }

        if (rule.Delay > TimeSpan.Zero)
        {
            Assert.Contains("did not answer within 3s", failure.Message, StringComparison.Ordinal);
        }

        // The durable retry comes seconds later; by then the failed request is over (here: logged).
        await Eventually.Until(() => bed.Simulator.Log.ApiCalls, calls => calls.Any(c => c.Method == step.Method && c.Path == step.Path), $"{step.Method} {step.Path} to be logged");
        await step.Act(bed, jenkins, context);

        AssertDoneOnce(bed);
    }

    private static void AssertDoneOnce(JenkinsTestBed bed)
    {
        var state = bed.Simulator.State;
        lock (state.Sync)
        {
            Assert.Equal(["provisioned-sites"], state.Root.Items.Keys);
            var folder = (SimulatedFolder)state.Root.Items["provisioned-sites"];
            Assert.Equal([JenkinsTestBed.Site.AppName], folder.Items.Keys);
            Assert.InRange(folder.Items.Values.OfType<SimulatedJob>().Single().Builds.Count, 0, 1);
            Assert.Null(state.FindQueueItem(2));
        }
    }

    /// <summary>Nothing to arrange; one request warms the server up, so a loaded machine's first answer does not look like a fault.</summary>
    private static async Task<object?> Nothing(JenkinsTestBed bed, IBuildServer jenkins)
    {
        await Assert.ThrowsAsync<PermanentIntegrationException>(() => jenkins.TriggerBuildAsync("warm-up", new("missing/job", "u"), new Dictionary<string, string>(), CancellationToken.None));
        bed.Simulator.Log.Clear();
        return null;
    }

    private static async Task<object?> Ensured(JenkinsTestBed bed, IBuildServer jenkins) => await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

    private static async Task<object?> FailedBuild(JenkinsTestBed bed, IBuildServer jenkins)
    {
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var queued = await jenkins.TriggerBuildAsync("prov-fault", job, JenkinsTestBed.Parameters("prov-fault"), CancellationToken.None);
        await Eventually.Until(() => bed.Simulator.State.FindJob(job.FullName)!.Builds.FirstOrDefault()?.Building, b => b == false, "the build to finish");
        return queued;
    }

    private static async Task<object?> ForgottenBuild(JenkinsTestBed bed, IBuildServer jenkins)
    {
        bed.Simulator.Options.QueueItemRetention = TimeSpan.Zero;
        var queued = (QueuedBuild)(await FailedBuild(bed, jenkins))!;
        Assert.Null(bed.Simulator.State.FindQueueItem(queued.QueueItemId));
        return queued;
    }

    private static Task Ensure(JenkinsTestBed bed, IBuildServer jenkins, object? context) => jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

    private static Task Trigger(JenkinsTestBed bed, IBuildServer jenkins, object? context) =>
        jenkins.TriggerBuildAsync("prov-fault", (BuildJobRef)context!, JenkinsTestBed.Parameters("prov-fault"), CancellationToken.None);

    private static async Task Progress(JenkinsTestBed bed, IBuildServer jenkins, object? context)
    {
        var progress = await jenkins.GetBuildProgressAsync((QueuedBuild)context!, CancellationToken.None);
        Assert.Equal("FAILURE", progress.Result);
        Assert.Equal("Finished: FAILURE", progress.ConsoleTail![^1]);
    }

    private sealed record Step(string Name, string Method, string Path, Func<JenkinsTestBed, IBuildServer, Task<object?>> Arrange, Func<JenkinsTestBed, IBuildServer, object?, Task> Act);
}

/// <summary>The delay faults (each waits out an attempt timeout), in their own class so they run beside the others.</summary>
public sealed class TimeoutFaultTests
{
    [Theory]
    [MemberData(nameof(FaultTests.Cases), true, MemberType = typeof(FaultTests))]
    public Task A_request_slower_than_the_attempt_timeout_is_transient_and_the_retry_finishes_the_work_once(string step, string fault) =>
        FaultTests.RunAsync(step, fault);
}
