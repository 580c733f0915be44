using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Jenkins.Builds;
using Provisioner.Jenkins.Http;
using Provisioner.Jenkins.Jobs;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins;

/// <summary>
/// <see cref="IBuildServer"/> on Jenkins. Every call is safe to repeat: the folder and job are looked
/// up before they are created ("already exists" is success), a job's config is posted only when what
/// it builds differs, a trigger first looks for the queue item or build carrying this provision's
/// <c>PROVISION_ID</c>, and a progress look is read-only.
/// </summary>
internal sealed partial class JenkinsBuildServer(
    IOptionsMonitor<JenkinsOptions> options,
    ISecretProvider secrets,
    IHttpClientFactory httpClients,
    JenkinsClientTuning tuning,
    ILogger<JenkinsBuildServer> logger) : IBuildServer
{
    private const string BuildsTree = "builds[number,url,building,result,queueId,actions[parameters[name,value]]]";

    public async Task<BuildJobRef> EnsureJobAsync(BuildJobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (settings, jenkins) = await ConnectAsync(cancellationToken);
        var job = JobDefinition.For(spec, settings.GitCredentialsId);
        if (job.Problem() is { } problem)
        {
            throw jenkins.Errors.Permanent($"Cannot define the Jenkins job of {spec.Site.Domain}: {problem} Fix the sites repository settings or the template.");
        }

        await EnsureFolderAsync(jenkins, settings.FolderPath, cancellationToken);
        var fullName = string.Join('/', settings.FolderPath.Append(spec.Site.AppName));
        var path = JenkinsPaths.Of(fullName);
        var reference = new BuildJobRef(fullName, jenkins.Url(path));

        var read = $"read the config.xml of job {fullName}";
        var existing = await jenkins.GetAsync(path + "config.xml", read, cancellationToken);
        if (existing.Status == HttpStatusCode.NotFound && existing.FromJenkins)
        {
            var create = $"create job {fullName}";
            var created = await jenkins.PostAsync(
                JenkinsPaths.Of(settings.FolderPath) + "createItem?name=" + Uri.EscapeDataString(spec.Site.AppName),
                () => XmlContent(JobConfigXml.Job(job)),
                create,
                cancellationToken);
            if (created.IsSuccess)
            {
                logger.LogInformation("Created Jenkins job {Job}.", fullName);
                return reference;
            }

            if (!AlreadyExists(created))
            {
                throw jenkins.Errors.ForStatus(created, create);
            }

            // Created meanwhile (an earlier attempt whose answer was lost, or a concurrent one): reconcile what is there.
            existing = await jenkins.GetAsync(path + "config.xml", read, cancellationToken);
        }

        var config = ParseConfig(jenkins, jenkins.Expect(existing, read).Body, fullName);
        if (config.Root?.Name.LocalName != JobConfigXml.PipelineRoot)
        {
            throw jenkins.Errors.Permanent(
                $"Jenkins item {fullName} exists but is not a Pipeline job (its config is <{config.Root?.Name.LocalName}>); " +
                $"Provisioner did not make it. Rename or delete it, or set {SettingNames.JenkinsFolder} to another folder.");
        }

        if (JobConfigXml.Reconcile(config, job) is { } updated)
        {
            var update = $"update the config.xml of job {fullName}";
            jenkins.Expect(await jenkins.PostAsync(path + "config.xml", () => XmlContent(updated), update, cancellationToken), update);
            logger.LogInformation("Updated the Pipeline definition or parameters of Jenkins job {Job}.", fullName);
        }

        return reference;
    }

    public async Task<QueuedBuild> TriggerBuildAsync(string provisionId, BuildJobRef job, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provisionId);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.TryGetValue(BuildParameterNames.ProvisionId, out var given) && given != provisionId)
        {
            throw new ArgumentException($"{BuildParameterNames.ProvisionId} is {given}, not the provision {provisionId}.", nameof(parameters));
        }

        var (_, jenkins) = await ConnectAsync(cancellationToken);
        var path = JenkinsPaths.Of(job.FullName);
        if (await FindQueuedAsync(jenkins, path, provisionId, cancellationToken) is { } queuedId)
        {
            logger.LogInformation("Provision {ProvisionId} already has queue item {QueueItem} for {Job}; not queueing another build.", provisionId, queuedId, job.FullName);
            return Queued(jenkins, job, queuedId, provisionId);
        }

        if (await FindBuildAsync(jenkins, job, provisionId, cancellationToken) is { } build)
        {
            logger.LogInformation("Provision {ProvisionId} already has build #{Number} of {Job}; not queueing another.", provisionId, build.Number, job.FullName);
            return Queued(jenkins, job, build.QueueId, provisionId);
        }

        var values = parameters.Where(p => p.Key != BuildParameterNames.ProvisionId)
            .Append(KeyValuePair.Create(BuildParameterNames.ProvisionId, provisionId))
            .ToList();
        var action = $"queue a build of {job.FullName}";
        var response = await jenkins.PostAsync(path + "buildWithParameters", () => new FormUrlEncodedContent(values), action, cancellationToken);
        if (response.Status == HttpStatusCode.BadRequest && response.Body.Contains("is not parameterized", StringComparison.Ordinal))
        {
            throw jenkins.Errors.Permanent(
                $"Jenkins job {job.FullName} declares no parameters, so it cannot take this build's: its config lost the parameters Provisioner declared " +
                "(a Jenkinsfile 'parameters' block replaces them after a build). Declare PROVISION_ID and the template's parameters in the Jenkinsfile too, then retry.");
        }

        if (response.Status == HttpStatusCode.Conflict)
        {
            throw jenkins.Errors.Permanent($"Jenkins job {job.FullName} is disabled, so it cannot build (409). Enable it in Jenkins, then retry.");
        }

        jenkins.Expect(response, action, HttpStatusCode.Created, HttpStatusCode.SeeOther);
        var id = QueueItemId(response.Header("Location"))
            ?? throw new TransientIntegrationException($"Jenkins accepted the build of {job.FullName} but did not say which queue item it is; the step is retried and will find it.");
        logger.LogInformation("Queued a build of {Job} for provision {ProvisionId} as queue item {QueueItem}.", job.FullName, provisionId, id);
        return Queued(jenkins, job, id, provisionId);
    }

    public async Task<BuildProgress> GetBuildProgressAsync(QueuedBuild build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var (_, jenkins) = await ConnectAsync(cancellationToken);
        var action = $"read queue item {build.QueueItemId} of {build.Job.FullName}";
        var response = await jenkins.GetAsync(
            $"queue/item/{build.QueueItemId.ToString(CultureInfo.InvariantCulture)}/api/json?tree=id,why,cancelled,executable[number,url,building,result]",
            action,
            cancellationToken);
        if (response.Status == HttpStatusCode.NotFound && response.FromJenkins)
        {
            // Jenkins forgets a queue item a few minutes after it leaves the queue: find the build by its provision.
            return await FindBuildAsync(jenkins, build.Job, build.ProvisionId, cancellationToken) is { } run
                ? await ProgressOfAsync(jenkins, build.Job, run, cancellationToken)
                : new BuildProgress(BuildState.Cancelled, null, null, null,
                    $"Jenkins no longer knows queue item {build.QueueItemId} and job {build.Job.FullName} has no build for this provision: the item was cancelled, or the build deleted.",
                    []);
        }

        var item = jenkins.Json<QueueItemJson>(jenkins.Expect(response, action), action);
        if (item.Executable is { } executable)
        {
            return await ProgressOfAsync(jenkins, build.Job, executable, cancellationToken);
        }

        return item.Cancelled
            ? new BuildProgress(BuildState.Cancelled, null, null, null, $"Queue item {build.QueueItemId} was cancelled in Jenkins before a build started; it has no console log.", [])
            : new BuildProgress(BuildState.Queued, null, null, null, item.Why ?? "Waiting in the Jenkins queue.");
    }

    private async Task<BuildProgress> ProgressOfAsync(JenkinsConnection jenkins, BuildJobRef job, RunJson run, CancellationToken cancellationToken)
    {
        if (run.Building || run.Result is null)
        {
            return new BuildProgress(BuildState.Running, run.Number, run.Url, null, $"Build #{run.Number} of {job.FullName} is running.");
        }

        var detail = $"Build #{run.Number} of {job.FullName} finished: {run.Result}.";
        if (run.Result == "SUCCESS")
        {
            return new BuildProgress(BuildState.Finished, run.Number, run.Url, run.Result, detail);
        }

        var tail = new ConsoleTail(tuning.ConsoleTailLines, tuning.ConsoleLineChars, tuning.ConsoleTailChars);
        var console = await jenkins.ReadConsoleTailAsync(
            JenkinsPaths.Of(job.FullName) + run.Number.ToString(CultureInfo.InvariantCulture) + "/consoleText",
            tail,
            $"read the console of build #{run.Number} of {job.FullName}",
            cancellationToken);
        return new BuildProgress(BuildState.Finished, run.Number, run.Url, run.Result, detail, console ?? []);
    }

    /// <summary>The id of a queue item of this job carrying this provision, if one is waiting.</summary>
    private static async Task<long?> FindQueuedAsync(JenkinsConnection jenkins, string jobPath, string provisionId, CancellationToken cancellationToken)
    {
        const string action = "read the Jenkins queue";
        var response = jenkins.Expect(await jenkins.GetAsync("queue/api/json?tree=items[id,task[url],actions[parameters[name,value]]]", action, cancellationToken), action);
        return jenkins.Json<QueueJson>(response, action).Items?
            .FirstOrDefault(i => JenkinsPaths.Names(i.Task?.Url, jobPath) && i.Actions.Parameter(BuildParameterNames.ProvisionId) == provisionId)?.Id;
    }

    /// <summary>The job's build carrying this provision (Jenkins lists the newest 100), if any.</summary>
    private static async Task<RunJson?> FindBuildAsync(JenkinsConnection jenkins, BuildJobRef job, string provisionId, CancellationToken cancellationToken)
    {
        var action = $"list the builds of {job.FullName}";
        var response = await jenkins.GetAsync(JenkinsPaths.Of(job.FullName) + "api/json?tree=" + BuildsTree, action, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound && response.FromJenkins)
        {
            throw jenkins.Errors.Permanent($"Jenkins job {job.FullName} no longer exists (404). Retry the provision: its first build step recreates the job.");
        }

        return jenkins.Json<JobBuildsJson>(jenkins.Expect(response, action), action).Builds?
            .FirstOrDefault(b => b.Actions.Parameter(BuildParameterNames.ProvisionId) == provisionId);
    }

    /// <summary>Creates each missing folder of the path; an existing item of that name must be a folder.</summary>
    private static async Task EnsureFolderAsync(JenkinsConnection jenkins, IReadOnlyList<string> folderPath, CancellationToken cancellationToken)
    {
        for (var depth = 1; depth <= folderPath.Count; depth++)
        {
            var names = folderPath.Take(depth).ToList();
            var fullName = string.Join('/', names);
            var read = $"read folder {fullName}";
            var response = await jenkins.GetAsync(JenkinsPaths.Of(names) + "api/json?tree=name,jobs[name]{0,0}", read, cancellationToken);
            if (response.Status == HttpStatusCode.NotFound && response.FromJenkins)
            {
                var create = $"create folder {fullName}";
                var created = await jenkins.PostAsync(
                    JenkinsPaths.Of(names.SkipLast(1)) + "createItem?name=" + Uri.EscapeDataString(names[^1]),
                    () => XmlContent(JobConfigXml.Folder()),
                    create,
                    cancellationToken);
                if (created.Status == HttpStatusCode.NotFound)
                {
                    throw jenkins.Errors.NotJenkins(create);
                }

                if (!created.IsSuccess && !AlreadyExists(created))
                {
                    throw jenkins.Errors.ForStatus(created, create);
                }

                continue;
            }

            if (jenkins.Json<ItemJson>(jenkins.Expect(response, read), read).Jobs is null)
            {
                throw jenkins.Errors.Permanent(
                    $"Jenkins item {fullName} exists but is not a folder; set {SettingNames.JenkinsFolder} to a folder (or a name Provisioner may create).");
            }
        }
    }

    private async Task<(JenkinsOptions Settings, JenkinsConnection Jenkins)> ConnectAsync(CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        JenkinsOptions? settings = null;
        try
        {
            settings = options.CurrentValue;
        }
        catch (OptionsValidationException invalid)
        {
            missing.AddRange(invalid.Failures);
        }

        var token = await secrets.GetSecretAsync(SettingNames.JenkinsToken, cancellationToken);
        if (string.IsNullOrEmpty(token))
        {
            missing.Add(SettingNames.JenkinsToken);
        }

        if (settings is null || missing.Count > 0)
        {
            throw new IntegrationNotConfiguredException("Jenkins", string.Join(", ", missing));
        }

        var baseUrl = new Uri(settings.Url!.Trim().TrimEnd('/') + "/");
        var connection = new JenkinsConnection(httpClients.CreateClient(JenkinsConnection.HttpClientName), baseUrl, settings.User!.Trim(), token!, tuning.AttemptTimeout, logger);
        return (settings, connection);
    }

    private static QueuedBuild Queued(JenkinsConnection jenkins, BuildJobRef job, long queueItemId, string provisionId) =>
        new(job, queueItemId, jenkins.Url($"queue/item/{queueItemId.ToString(CultureInfo.InvariantCulture)}/"), provisionId);

    private static ConfigXmlContent XmlContent(System.Xml.Linq.XDocument document) => new(JobConfigXml.Serialize(document));

    private static bool AlreadyExists(JenkinsResponse response) =>
        response.Status == HttpStatusCode.BadRequest && (response.Error ?? response.Body).Contains("already exists", StringComparison.Ordinal);

    private static System.Xml.Linq.XDocument ParseConfig(JenkinsConnection jenkins, string text, string fullName)
    {
        try
        {
            return JobConfigXml.Parse(text);
        }
        catch (System.Xml.XmlException ex)
        {
            throw jenkins.Errors.Permanent($"The config.xml Jenkins returned for {fullName} is not XML; check that JENKINS_URL is Jenkins' root URL.", ex);
        }
    }

    private static long? QueueItemId(string? location) =>
        location is not null && QueueItemPath().Match(location) is { Success: true } match
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"/queue/item/(\d+)/?$")]
    private static partial Regex QueueItemPath();

    /// <summary>config.xml as Jenkins expects it: <c>application/xml; charset=utf-8</c>.</summary>
    private sealed class ConfigXmlContent(string xml) : StringContent(xml, Encoding.UTF8, "application/xml");
}
