using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Jenkins.Model;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Simulators.Jenkins.State;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>
/// The simulator's objects as Jenkins exports them: the same classes, property names, visibilities
/// and order as Jenkins 2.4xx with the folder and Pipeline plugins. Build under the state lock.
/// </summary>
internal sealed class ApiModel(string rootUrl, JenkinsState state, JenkinsSimulatorOptions options, DateTimeOffset now)
{
    private const int BuildsListed = 100;

    public ExportedObject Item(SimulatedItem item) => item switch
    {
        SimulatedFolder { Parent: null } => Root(),
        SimulatedFolder folder => Folder(folder),
        SimulatedJob job => Job(job),
        _ => throw new InvalidOperationException(),
    };

    public ExportedObject Root()
    {
        var all = View("all", rootUrl);
        return new ExportedObject("hudson.model.Hudson")
            .Add("assignedLabels", new[] { new ExportedObject(null).Add("name", "built-in", visibility: 2) })
            .Add("mode", "NORMAL")
            .Add("nodeDescription", "the Jenkins controller's built-in node")
            .Add("nodeName", string.Empty)
            .Add("numExecutors", options.Executors)
            .Add("description", null)
            .Lazy("jobs", () => Children(state.Root))
            .Add("overallLoad", new ExportedObject(null))
            .Add("primaryView", all)
            .Add("quietDownReason", null)
            .Add("quietingDown", false)
            .Add("slaveAgentPort", -1)
            .Add("unlabeledLoad", new ExportedObject("jenkins.model.UnlabeledLoadStatistics"))
            .Add("url", rootUrl)
            .Add("useCrumbs", options.CrumbIssuer)
            .Add("useSecurity", true)
            .Add("views", new[] { all });
    }

    public ExportedObject Folder(SimulatedFolder folder)
    {
        var url = Url(folder.RelativeUrl);
        var all = View("All", url);
        return ItemHeader("com.cloudbees.hudson.plugins.folder.Folder", folder, description: null)
            .Add("healthReport", Array.Empty<object>())
            .Lazy("jobs", () => Children(folder))
            .Add("primaryView", all)
            .Add("views", new[] { all });
    }

    public ExportedObject Job(SimulatedJob job)
    {
        var config = job.Configuration;
        var pipeline = config.Kind == ItemKind.Pipeline;
        var builds = job.Builds;
        var parameters = config.IsParameterized ? ParametersDefinitionProperty(config) : null;
        ExportedObject? Latest(Func<SimulatedBuild, bool> which) => builds.FirstOrDefault(which) is { } b ? Build(b) : null;
        var queued = state.Queue.FirstOrDefault(q => q.Job == job);

        var exported = ItemHeader(pipeline ? "org.jenkinsci.plugins.workflow.job.WorkflowJob" : "hudson.model.FreeStyleProject", job, config.Description,
                actions: parameters is null ? [DisplayAction("Job")] : [parameters, DisplayAction("Job")])
            .Add("buildable", !config.Disabled)
            .Lazy("builds", () => builds.Take(BuildsListed).Select(Build).ToList())
            .Add("color", Color(job), visibility: 2)
            .Lazy("firstBuild", () => builds.Count > 0 ? Build(builds[^1]) : null)
            .Add("healthReport", Array.Empty<object>())
            .Add("inQueue", queued is not null)
            .Add("keepDependencies", false)
            .Lazy("lastBuild", () => Latest(_ => true))
            .Lazy("lastCompletedBuild", () => Latest(b => !b.Building))
            .Lazy("lastFailedBuild", () => Latest(b => b.Result == BuildResult.Failure))
            .Lazy("lastStableBuild", () => Latest(b => b.Result == BuildResult.Success))
            .Lazy("lastSuccessfulBuild", () => Latest(b => b.Result is BuildResult.Success or BuildResult.Unstable))
            .Lazy("lastUnstableBuild", () => Latest(b => b.Result == BuildResult.Unstable))
            .Lazy("lastUnsuccessfulBuild", () => Latest(b => b.Result is { } r && r != BuildResult.Success))
            .Add("nextBuildNumber", job.NextBuildNumber)
            .Lazy("property", () => parameters is null ? Array.Empty<object>() : new[] { parameters }, inline: true)
            .Lazy("queueItem", () => queued is null ? null : QueueItem(queued));
        if (pipeline)
        {
            exported.Add("concurrentBuild", true).Add("disabled", config.Disabled).Add("resumeBlocked", false);
        }
        else
        {
            exported.Add("concurrentBuild", false).Add("disabled", config.Disabled).Add("downstreamProjects", Array.Empty<object>())
                .Add("labelExpression", null).Add("scm", new ExportedObject("hudson.scm.NullSCM")).Add("upstreamProjects", Array.Empty<object>());
        }

        return exported.Lazy("allBuilds", () => builds.Select(Build).ToList(), visibility: -2);
    }

    public ExportedObject Build(SimulatedBuild build)
    {
        var pipeline = build.Job.Kind == ItemKind.Pipeline;
        var builds = build.Job.Builds;
        var index = builds.ToList().IndexOf(build);
        var actions = new List<object>();
        if (build.Parameters.Count > 0)
        {
            actions.Add(ParametersAction(build.Parameters));
        }

        actions.Add(CauseAction(build.StartedBy, 1));
        actions.Add(DisplayAction("Run"));
        var exported = new ExportedObject(pipeline ? "org.jenkinsci.plugins.workflow.job.WorkflowRun" : "hudson.model.FreeStyleBuild")
            .Add("actions", actions)
            .Add("artifacts", Array.Empty<object>())
            .Add("building", build.Building)
            .Add("description", null)
            .Add("displayName", "#" + build.Number)
            .Add("duration", (long)build.Duration.TotalMilliseconds)
            .Add("estimatedDuration", EstimatedDuration(build.Job))
            .Add("executor", build.Building ? Executor(pipeline) : null)
            .Add("fullDisplayName", build.Job.FullDisplayName + " #" + build.Number)
            .Add("id", build.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("keepLog", false)
            .Add("number", build.Number, visibility: 2)
            .Add("queueId", build.QueueId)
            .Add("result", build.Result?.ToJenkins())
            .Add("timestamp", build.Timestamp.ToUnixTimeMilliseconds())
            .Add("url", Url(build.RelativeUrl), visibility: 2);
        if (pipeline)
        {
            exported.Add("changeSets", Array.Empty<object>())
                .Add("culprits", Array.Empty<object>())
                .Add("inProgress", build.Building)
                .Lazy("nextBuild", () => index > 0 ? Build(builds[index - 1]) : null)
                .Lazy("previousBuild", () => index + 1 < builds.Count ? Build(builds[index + 1]) : null);
        }
        else
        {
            exported.Add("builtOn", string.Empty)
                .Add("changeSet", new ExportedObject("hudson.scm.EmptyChangeLogSet").Add("items", Array.Empty<object>()).Add("kind", null))
                .Add("culprits", Array.Empty<object>());
        }

        return exported;
    }

    public ExportedObject QueueItem(QueueItem item)
    {
        var kind = item.State switch
        {
            QueueItemState.Waiting => "WaitingItem",
            QueueItemState.Buildable => "BuildableItem",
            _ => "LeftItem",
        };
        var actions = new List<object>();
        if (item.Parameters.Count > 0)
        {
            actions.Add(ParametersAction(item.Parameters));
        }

        actions.Add(CauseAction(item.RequestedBy, item.RequestCount));
        var exported = new ExportedObject("hudson.model.Queue$" + kind)
            .Add("actions", actions, visibility: 999)
            .Add("blocked", false, visibility: 999)
            .Add("buildable", item.State == QueueItemState.Buildable, visibility: 999)
            .Add("id", item.Id, visibility: 999)
            .Add("inQueueSince", item.InQueueSince.ToUnixTimeMilliseconds(), visibility: 999)
            .Add("params", string.Concat(item.Parameters.Select(p => "\n" + p.Name + "=" + p.Value)), visibility: 999)
            .Add("stuck", false, visibility: 999)
            .Lazy("task", () => Job(item.Job), visibility: 999)
            .Add("url", item.RelativeUrl, visibility: 999)
            .Add("why", state.Why(item, now), visibility: 999);
        switch (item.State)
        {
            case QueueItemState.Waiting:
                exported.Add("timestamp", item.QuietUntil.ToUnixTimeMilliseconds(), visibility: 999);
                break;
            case QueueItemState.Buildable:
                exported.Add("buildableStartMilliseconds", item.BuildableSince!.Value.ToUnixTimeMilliseconds(), visibility: 999)
                    .Add("pending", false, visibility: 999);
                break;
            default:
                exported.Add("cancelled", item.Cancelled, visibility: 999)
                    .Lazy("executable", () => item.Build is null ? null : Build(item.Build), visibility: 999);
                break;
        }

        return exported;
    }

    public ExportedObject Queue() => new ExportedObject("hudson.model.Queue")
        .Add("discoverableItems", Array.Empty<object>(), visibility: 1)
        .Lazy("items", () => state.Queue.Reverse().Select(QueueItem).ToList(), inline: true);

    public static ExportedObject Crumb(string field, string crumb) => new ExportedObject("hudson.security.csrf.DefaultCrumbIssuer")
        .Add("crumb", crumb)
        .Add("crumbRequestField", field);

    public ExportedObject User(JenkinsUser user) => new ExportedObject("hudson.model.User")
        .Add("absoluteUrl", Url("user/" + Uri.EscapeDataString(user.Id.ToLowerInvariant())))
        .Add("description", null)
        .Add("fullName", user.Id)
        .Add("id", user.Id)
        .Add("property", Array.Empty<object>());

    private ExportedObject ItemHeader(string className, SimulatedItem item, string? description, IReadOnlyList<object>? actions = null) =>
        new ExportedObject(className)
            .Add("actions", actions ?? [DisplayAction("Job")])
            .Add("description", description)
            .Add("displayName", item.Name)
            .Add("displayNameOrNull", null)
            .Add("fullDisplayName", item.FullDisplayName)
            .Add("fullName", item.FullName)
            .Add("name", item.Name, visibility: 999)
            .Add("url", Url(item.RelativeUrl), visibility: 999);

    private List<ExportedObject> Children(SimulatedFolder folder) =>
        [.. folder.Children.Values.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).Select(Item)];

    private static ExportedObject View(string name, string url) => new ExportedObject("hudson.model.AllView")
        .Add("name", name, visibility: 2)
        .Add("url", url, visibility: 2);

    private static ExportedObject DisplayAction(string of) => new($"org.jenkinsci.plugins.displayurlapi.actions.{of}DisplayAction");

    private static ExportedObject ParametersDefinitionProperty(JobConfiguration config) => new ExportedObject("hudson.model.ParametersDefinitionProperty")
        .Add("parameterDefinitions", config.Parameters.Select(d => new ExportedObject("hudson.model." + d.Type)
            .Add("defaultParameterValue", ParameterValue(new BuildParameter(d.Name, d.DefaultValue, d.Type)), visibility: 3)
            .Add("description", d.Description, visibility: 3)
            .Add("name", d.Name, visibility: 3)
            .Add("type", d.Type, visibility: 3)).ToList(), visibility: 2);

    private static ExportedObject ParametersAction(IReadOnlyList<BuildParameter> parameters) => new ExportedObject("hudson.model.ParametersAction")
        .Add("parameters", parameters.Select(ParameterValue).ToList(), visibility: 2);

    private static ExportedObject ParameterValue(BuildParameter parameter)
    {
        var value = new ExportedObject(parameter.ValueClass).Add("name", parameter.Name, visibility: 3);
        return parameter.Type switch
        {
            "PasswordParameterDefinition" => value,
            "BooleanParameterDefinition" => value.Add("value", string.Equals(parameter.Value, "true", StringComparison.OrdinalIgnoreCase), visibility: 4),
            _ => value.Add("value", parameter.Value, visibility: 4),
        };
    }

    private static ExportedObject CauseAction(string user, int count)
    {
        var cause = new ExportedObject("hudson.model.Cause$UserIdCause")
            .Add("shortDescription", "Started by user " + user, visibility: 3)
            .Add("userId", user, visibility: 3)
            .Add("userName", user, visibility: 3);
        return new ExportedObject("hudson.model.CauseAction").Add("causes", Enumerable.Repeat(cause, count).ToList(), visibility: 2);
    }

    private static ExportedObject Executor(bool pipeline) => new ExportedObject(pipeline ? "hudson.model.OneOffExecutor" : "hudson.model.Executor")
        .Add("currentExecutable", null)
        .Add("idle", false)
        .Add("likelyStuck", false)
        .Add("number", pipeline ? -1 : 0)
        .Add("progress", -1);

    private static string Color(SimulatedJob job)
    {
        if (job.Configuration.Disabled)
        {
            return "disabled";
        }

        var completed = job.Builds.FirstOrDefault(b => !b.Building);
        var color = completed?.Result?.Color() ?? "notbuilt";
        return job.Builds.Count > 0 && job.Builds[0].Building ? color + "_anime" : color;
    }

    private static long EstimatedDuration(SimulatedJob job) =>
        job.Builds.FirstOrDefault(b => b.Result is BuildResult.Success or BuildResult.Unstable) is { } b ? (long)b.Duration.TotalMilliseconds : -1;

    private string Url(string relative) => rootUrl + relative;
}
