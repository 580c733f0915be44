using System.Net;
using System.Text.Json.Nodes;
using Provisioner.Jenkins.Tests.Support;
using Provisioner.Simulators.Jenkins.Builds;

namespace Provisioner.Jenkins.Tests.Simulator;

/// <summary>buildWithParameters, the queue and builds as Jenkins serves them, on a clock the test moves.</summary>
public sealed class QueueAndBuildApiTests : IAsyncLifetime
{
    private JenkinsTestBed bed = null!;
    private RawJenkins jenkins = null!;

    public async Task InitializeAsync()
    {
        bed = await JenkinsTestBed.StartAsync(fakeTime: true);
        jenkins = new RawJenkins(bed.Simulator.BaseUrl);
        (await jenkins.PostXmlAsync("createItem?name=f", "<com.cloudbees.hudson.plugins.folder.Folder/>")).Dispose();
        (await jenkins.PostXmlAsync("job/f/createItem?name=j", RawJenkins.Pipeline("A", "B"))).Dispose();
        (await jenkins.PostXmlAsync("job/f/createItem?name=plain", "<flow-definition/>")).Dispose();
    }

    public async Task DisposeAsync()
    {
        jenkins.Dispose();
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task BuildWithParameters_answers_201_with_the_queue_items_absolute_Location()
    {
        using var response = await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, "queue/item/1/"), response.Headers.Location);
    }

    [Fact]
    public async Task Declared_parameters_take_the_query_or_form_value_or_their_default_and_undeclared_ones_are_ignored()
    {
        using var response = await jenkins.PostAsync("job/f/job/j/buildWithParameters?C=ignored", new FormUrlEncodedContent([KeyValuePair.Create("A", "line\nbreak & more")]));

        var item = bed.Simulator.State.FindQueueItem(1)!;
        Assert.Equal([("A", "line\nbreak & more"), ("B", "default-B")], item.Parameters.Select(p => (p.Name, p.Value)));
    }

    [Fact]
    public async Task A_job_without_parameter_definitions_refuses_buildWithParameters_as_Jenkins_does()
    {
        using var response = await jenkins.PostAsync("job/f/job/plain/buildWithParameters?A=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("f/plain is not parameterized", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.State.Queue);
    }

    [Fact]
    public async Task A_GET_to_buildWithParameters_is_405()
    {
        using var response = await jenkins.GetAsync("job/f/job/j/buildWithParameters?A=1");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task The_same_parameters_while_the_item_waits_fold_into_it_with_303()
    {
        bed.Simulator.Options.QuietPeriod = TimeSpan.FromSeconds(5);

        using var first = await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=1");
        using var same = await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=1");
        using var other = await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=2");

        Assert.Equal([201, 303, 201], new[] { first, same, other }.Select(r => (int)r.StatusCode));
        Assert.Equal(first.Headers.Location, same.Headers.Location);
        var item = await jenkins.JsonAsync("queue/item/1/api/json");
        Assert.Equal(2, item["actions"]![1]!["causes"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_queue_item_waits_its_quiet_period_then_for_an_executor_then_leaves_with_its_build()
    {
        bed.Simulator.Options.QuietPeriod = TimeSpan.FromSeconds(5);
        bed.Simulator.Options.Scripts.Default = new BuildScript { QueueWait = TimeSpan.FromSeconds(20), Duration = TimeSpan.FromMinutes(1) };
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=x")).Dispose();

        var waiting = await jenkins.JsonAsync("queue/item/1/api/json");
        bed.Time!.Advance(TimeSpan.FromSeconds(5));
        var buildable = await jenkins.JsonAsync("queue/item/1/api/json");
        bed.Time.Advance(TimeSpan.FromSeconds(20));
        var left = await jenkins.JsonAsync("queue/item/1/api/json");

        Assert.Equal("hudson.model.Queue$WaitingItem", (string?)waiting["_class"]);
        Assert.Equal("In the quiet period. Expires in 5 sec", (string?)waiting["why"]);
        Assert.False((bool)waiting["buildable"]!);
        Assert.Equal(bed.Time.GetUtcNow().AddSeconds(-20).ToUnixTimeMilliseconds(), (long)waiting["timestamp"]!);
        Assert.Equal("\nA=x\nB=default-B", (string?)waiting["params"]);
        Assert.Equal("queue/item/1/", (string?)waiting["url"]);
        Assert.Equal(
            """{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowJob","name":"j","url":"BASEjob/f/job/j/","color":"notbuilt"}""".Replace("BASE", bed.Simulator.BaseUrl.ToString(), StringComparison.Ordinal),
            waiting["task"]!.ToJsonString());
        Assert.Equal("hudson.model.Queue$BuildableItem", (string?)buildable["_class"]);
        Assert.True((bool)buildable["buildable"]!);
        Assert.False((bool)buildable["blocked"]!);
        Assert.Equal("Waiting for next available executor", (string?)buildable["why"]);
        Assert.Equal("hudson.model.Queue$LeftItem", (string?)left["_class"]);
        Assert.False((bool)left["cancelled"]!);
        Assert.Null((string?)left["why"]);
        Assert.Equal(
            """{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowRun","number":1,"url":"BASEjob/f/job/j/1/"}""".Replace("BASE", bed.Simulator.BaseUrl.ToString(), StringComparison.Ordinal),
            left["executable"]!.ToJsonString());
    }

    [Fact]
    public async Task A_left_item_is_forgotten_after_the_retention()
    {
        bed.Simulator.Options.QueueItemRetention = TimeSpan.FromMinutes(5);
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=x")).Dispose();
        await Eventually.Until(() => bed.Simulator.State.FindJob("f/j")!.Builds.Count, n => n == 1, "the build to start");

        bed.Time!.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        using var kept = await jenkins.GetAsync("queue/item/1/api/json");
        bed.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var gone = await jenkins.GetAsync("queue/item/1/api/json");

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Builds_beyond_the_executors_wait_for_one()
    {
        bed.Simulator.Options.Executors = 1;
        bed.Simulator.Options.Scripts.Default = new BuildScript { Duration = TimeSpan.FromMinutes(1) };
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=1")).Dispose();
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=2")).Dispose();

        var second = await jenkins.JsonAsync("queue/item/2/api/json");
        bed.Time!.Advance(TimeSpan.FromMinutes(1));
        var started = await Eventually.Until(() => jenkins.JsonAsync("queue/item/2/api/json"), i => i["executable"] is not null, "the second build to start");

        Assert.Equal("Waiting for next available executor", (string?)second["why"]);
        Assert.Equal(2, (int)started["executable"]!["number"]!);
    }

    [Fact]
    public async Task The_queue_lists_waiting_items_and_cancelItem_answers_204_then_500_then_404()
    {
        bed.Simulator.Options.QuietPeriod = TimeSpan.FromHours(1);
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=1")).Dispose();

        var queue = await jenkins.JsonAsync("queue/api/json?tree=items[id,task[name],actions[parameters[name,value]]]");
        using var cancel = await jenkins.PostAsync("queue/cancelItem?id=1");
        using var again = await jenkins.PostAsync("queue/cancelItem?id=1");
        using var unknown = await jenkins.PostAsync("queue/cancelItem?id=99");
        var cancelled = await jenkins.JsonAsync("queue/item/1/api/json");

        Assert.Equal(
            """{"_class":"hudson.model.Queue","items":[{"_class":"hudson.model.Queue$WaitingItem","actions":[{"_class":"hudson.model.ParametersAction","parameters":[{"_class":"hudson.model.StringParameterValue","name":"A","value":"1"},{"_class":"hudson.model.StringParameterValue","name":"B","value":"default-B"}]},{"_class":"hudson.model.CauseAction"}],"id":1,"task":{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowJob","name":"j"}}]}""",
            queue.ToJsonString());
        Assert.Equal([204, 500, 404], new[] { cancel, again, unknown }.Select(r => (int)r.StatusCode));
        Assert.True((bool)cancelled["cancelled"]!);
        Assert.Null(cancelled["executable"]);
        Assert.Empty(bed.Simulator.State.Queue);
    }

    [Fact]
    public async Task A_build_reports_while_running_and_when_done_with_its_parameters_console_and_permalinks()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { Duration = TimeSpan.FromSeconds(90), Result = BuildResult.Unstable, ConsoleLines = ["tests: 1 failed"] };
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=x")).Dispose();
        await Eventually.Until(() => bed.Simulator.State.FindJob("f/j")!.Builds.Count, n => n == 1, "the build to start");

        var running = await jenkins.JsonAsync("job/f/job/j/1/api/json");
        bed.Time!.Advance(TimeSpan.FromSeconds(90));
        var done = await Eventually.Until(() => jenkins.JsonAsync("job/f/job/j/lastBuild/api/json"), b => !(bool)b["building"]!, "the build to finish");
        var job = await jenkins.JsonAsync("job/f/job/j/api/json?depth=1&tree=color,lastUnstableBuild[number],lastSuccessfulBuild[number],lastStableBuild[number],builds[number,result]");
        using var console = await jenkins.GetAsync("job/f/job/j/1/consoleText");

        Assert.True((bool)running["building"]!);
        Assert.True((bool)running["inProgress"]!);
        Assert.Null(running["result"]);
        Assert.Equal(0, (long)running["duration"]!);
        Assert.Equal("hudson.model.OneOffExecutor", (string?)running["executor"]!["_class"]);
        Assert.Equal(1, (long)running["queueId"]!);
        Assert.Equal("UNSTABLE", (string?)done["result"]);
        Assert.Equal(90_000, (long)done["duration"]!);
        Assert.Null(done["executor"]);
        Assert.Equal("f » j #1", (string?)done["fullDisplayName"]);
        Assert.Equal(
            """{"_class":"hudson.model.ParametersAction","parameters":[{"_class":"hudson.model.StringParameterValue","name":"A","value":"x"},{"_class":"hudson.model.StringParameterValue","name":"B","value":"default-B"}]}""",
            done["actions"]![0]!.ToJsonString());
        Assert.Equal("Started by user provisioner", (string?)done["actions"]![1]!["causes"]![0]!["shortDescription"]);
        Assert.Equal("""{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowJob","builds":[{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowRun","number":1,"result":"UNSTABLE"}],"color":"yellow","lastStableBuild":null,"lastSuccessfulBuild":{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowRun","number":1},"lastUnstableBuild":{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowRun","number":1}}""", job.ToJsonString());
        Assert.Equal("text/plain", console.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "Started by user provisioner\nObtained Jenkinsfile from git https://git.example/sites.git\n[Pipeline] Start of Pipeline\ntests: 1 failed\n[Pipeline] End of Pipeline\nFinished: UNSTABLE\n",
            await console.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Depth_1_opens_nested_objects_one_more_level()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { Duration = TimeSpan.Zero };
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=x")).Dispose();
        await Eventually.Until(() => bed.Simulator.State.FindJob("f/j")!.Builds.FirstOrDefault()?.Building, b => b == false, "the build to finish");

        var depth0 = await jenkins.JsonAsync("job/f/job/j/api/json");
        var depth1 = await jenkins.JsonAsync("job/f/job/j/api/json?depth=1");

        Assert.Equal(["_class", "number", "url"], depth0["builds"]![0]!.AsObject().Select(p => p.Key));
        Assert.Contains("result", depth1["builds"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("SUCCESS", (string?)depth1["builds"]![0]!["result"]);
        Assert.Equal("blue", (string?)depth0["color"]);
    }

    [Fact]
    public async Task Stop_aborts_a_running_build_saying_who_did()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { Duration = TimeSpan.FromHours(1) };
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=x")).Dispose();
        await Eventually.Until(() => bed.Simulator.State.FindJob("f/j")!.Builds.Count, n => n == 1, "the build to start");

        using var stop = await jenkins.PostAsync("job/f/job/j/1/stop");
        var done = await Eventually.Until(() => jenkins.JsonAsync("job/f/job/j/1/api/json"), b => !(bool)b["building"]!, "the build to stop");

        Assert.Equal(HttpStatusCode.Found, stop.StatusCode);
        Assert.Equal("ABORTED", (string?)done["result"]);
        Assert.Contains("Aborted by provisioner\n", bed.Simulator.State.FindJob("f/j")!.Builds[0].ConsoleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugged_in_executor_sees_the_job_config_and_parameters_and_decides_the_result()
    {
        BuildExecution? seen = null;
        bed.Simulator.Options.Executor = new DelegateExecutor(async (execution, ct) =>
        {
            seen = execution;
            await execution.Console.WriteLineAsync("deploying " + execution.Parameters["A"]);
            return BuildResult.Failure;
        });
        (await jenkins.PostAsync("job/f/job/j/buildWithParameters?A=site")).Dispose();

        var done = await Eventually.Until(() => jenkins.JsonAsync("job/f/job/j/lastBuild/api/json"), b => !(bool)b["building"]!, "the build to finish");

        Assert.Equal("FAILURE", (string?)done["result"]);
        Assert.Equal("f/j", seen!.JobFullName);
        Assert.Equal("https://git.example/sites.git", seen.Job.ScmUrl);
        Assert.Equal("*/main", seen.Job.Branch);
        Assert.Equal("Jenkinsfile", seen.Job.ScriptPath);
        Assert.Equal(["A", "B"], seen.Job.Parameters.Select(p => p.Name));
        Assert.Equal("default-B", seen.Parameters["B"]);
        Assert.Contains("deploying site\n", bed.Simulator.State.FindJob("f/j")!.Builds[0].ConsoleText, StringComparison.Ordinal);
    }

    private sealed class DelegateExecutor(Func<BuildExecution, CancellationToken, Task<BuildResult>> run) : IBuildExecutor
    {
        public Task<BuildResult> ExecuteAsync(BuildExecution execution, CancellationToken cancellationToken) => run(execution, cancellationToken);
    }
}
