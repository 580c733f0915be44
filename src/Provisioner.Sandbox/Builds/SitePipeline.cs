using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Provisioner.Sandbox.Cluster;
using Provisioner.Sandbox.GitHub;
using Provisioner.Sandbox.Outcomes;
using Provisioner.Sandbox.Registry;
using Provisioner.Simulators.Jenkins.Builds;

namespace Provisioner.Sandbox.Builds;

/// <summary>
/// One build of a site's Jenkinsfile, its stages run in spirit and logged as Jenkins logs them:
/// Checkout (the job's repository and branch, and GIT_COMMIT, resolved through GitHub's REST API),
/// Build image and Push image (simulated: the image is the commit's site folder, named
/// <c>IMAGE:&lt;commit12&gt;-&lt;build&gt;</c> as the Jenkinsfile names it), and Deploy (the
/// site's Service and Deployment read at that commit, the image set, applied to the cluster). A stage
/// that fails skips the rest and fails the build, as a declarative pipeline does.
/// </summary>
internal sealed partial class SitePipeline(BuildExecution execution, SandboxBuildSettings settings, CancellationToken cancellationToken)
{
    private readonly TextWriter console = execution.Console;
    private readonly SiteBuildParameters parameters = SiteBuildParameters.From(execution.Parameters);
    private GitHubRepository? repository;
    private string commit = string.Empty;
    private string imageReference = string.Empty;
    private SiteApp? app;

    private ScriptedOutcome? Outcome => ScriptedOutcome.For(parameters.Domain);

    private string Workspace => "/var/jenkins_home/workspace/" + execution.JobFullName;

    /// <summary>Runs the stages; the build's result.</summary>
    public async Task<BuildResult> RunAsync()
    {
        await console.WriteLineAsync("[Pipeline] node");
        await console.WriteLineAsync($"Running on Jenkins in {Workspace}");
        await console.WriteLineAsync("[Pipeline] {");
        string? failure = null;
        foreach (var (name, run) in new (string, Func<Task>)[] { ("Checkout", CheckoutAsync), ("Build image", BuildImageAsync), ("Push image", PushImageAsync), ("Deploy", DeployAsync) })
        {
            await console.WriteLineAsync("[Pipeline] stage");
            await console.WriteLineAsync($"[Pipeline] {{ ({name})");
            if (failure is not null)
            {
                await console.WriteLineAsync($"Stage \"{name}\" skipped due to earlier failure(s)");
            }
            else
            {
                try
                {
                    await run();
                }
                catch (StageFailedException ex)
                {
                    failure = ex.Message;
                }
            }

            await console.WriteLineAsync("[Pipeline] }");
            await console.WriteLineAsync("[Pipeline] // stage");
        }

        await console.WriteLineAsync("[Pipeline] }");
        await console.WriteLineAsync("[Pipeline] // node");
        if (failure is null)
        {
            return BuildResult.Success;
        }

        await console.WriteLineAsync("ERROR: " + failure);
        return BuildResult.Failure;
    }

    private async Task CheckoutAsync()
    {
        var job = execution.Job;
        var branch = (job.Branch ?? "*/main").Replace("*/", string.Empty, StringComparison.Ordinal);
        await console.WriteLineAsync("[Pipeline] script");
        await console.WriteLineAsync("[Pipeline] {");
        await console.WriteLineAsync("[Pipeline] checkout");
        await console.WriteLineAsync("The recommended git tool is: NONE");
        if (!string.IsNullOrEmpty(job.CredentialsId))
        {
            await console.WriteLineAsync($"using credential {job.CredentialsId}");
        }

        await console.WriteLineAsync($"Cloning repository {job.ScmUrl}");
        await console.WriteLineAsync($" > git init {Workspace} # timeout=10");
        await console.WriteLineAsync($"Fetching upstream changes from {job.ScmUrl}");
        await console.WriteLineAsync($" > git fetch --tags --force --progress -- {job.ScmUrl} +refs/heads/*:refs/remotes/origin/* # timeout=10");
        repository = settings.Repository(job.ScmUrl);
        if (repository is null)
        {
            await console.WriteLineAsync($"ERROR: Error cloning remote repo 'origin': '{job.ScmUrl}' is not a GitHub repository URL");
            throw new StageFailedException("Error cloning remote repo 'origin'");
        }

        if (!await GitAsync(() => repository.ExistsAsync(cancellationToken), job.ScmUrl!))
        {
            await console.WriteLineAsync("ERROR: Error cloning remote repo 'origin'");
            await console.WriteLineAsync($"hudson.plugins.git.GitException: Command \"git fetch --tags --force --progress -- {job.ScmUrl} +refs/heads/*:refs/remotes/origin/*\" returned status code 128:");
            await console.WriteLineAsync("stderr: remote: Repository not found.");
            await console.WriteLineAsync($"fatal: repository '{job.ScmUrl}' not found");
            throw new StageFailedException("Error cloning remote repo 'origin'");
        }

        var head = await GitAsync(() => repository.ResolveBranchAsync(branch, cancellationToken), job.ScmUrl!);
        if (head is null)
        {
            await console.WriteLineAsync($" > git rev-parse refs/remotes/origin/{branch}^{{commit}} # timeout=10");
            await console.WriteLineAsync("ERROR: Couldn't find any revision to build. Verify the repository and branch configuration for this job.");
            throw new StageFailedException($"Couldn't find any revision to build (branch {branch} of {repository.Owner}/{repository.Name})");
        }

        await console.WriteLineAsync($" > git rev-parse refs/remotes/origin/{branch}^{{commit}} # timeout=10");
        await console.WriteLineAsync($"Checking out Revision {head} (refs/remotes/origin/{branch})");
        await console.WriteLineAsync($" > git checkout -f {head} # timeout=10");
        commit = parameters.GitCommit.Length > 0 ? parameters.GitCommit : head;
        if (!CommitSha().IsMatch(commit))
        {
            await console.WriteLineAsync("[Pipeline] error");
            throw new StageFailedException($"GIT_COMMIT '{commit}' is not a commit sha");
        }

        await console.WriteLineAsync("[Pipeline] sh");
        await console.WriteLineAsync($"+ git checkout --quiet --detach {commit}");
        var checkedOut = await GitAsync(() => repository.GetCommitAsync(commit, cancellationToken), job.ScmUrl!);
        if (checkedOut is null)
        {
            await console.WriteLineAsync($"fatal: reference is not a tree: {commit}");
            throw StageFailedException.ExitCode(128);
        }

        commit = checkedOut.Sha;
        await console.WriteLineAsync($"Commit message: \"{checkedOut.Message.Split('\n')[0]}\"");
        imageReference = $"{parameters.Image}:{commit[..Math.Min(12, commit.Length)]}-{execution.Number}";
        await console.WriteLineAsync("[Pipeline] }");
        await console.WriteLineAsync("[Pipeline] // script");
        await PaceAsync(1);
    }

    private async Task BuildImageAsync()
    {
        await ShAsync($"docker build --pull -t \"{imageReference}\" \"{parameters.SitePath}\"");
        if (parameters.Image.Length == 0 || parameters.SitePath.Length == 0)
        {
            await console.WriteLineAsync($"ERROR: invalid tag \"{imageReference}\": invalid reference format (IMAGE and SITE_PATH must be set)");
            throw StageFailedException.ExitCode(1);
        }

        var files = await GitAsync(() => repository!.ListFilesAsync(commit, cancellationToken), execution.Job.ScmUrl!);
        await console.WriteLineAsync("#1 [internal] load build definition from Dockerfile");
        var dockerfileText = files.Contains(parameters.SitePath + "/Dockerfile")
            ? await GitAsync(() => repository!.ReadFileAsync(commit, parameters.SitePath + "/Dockerfile", cancellationToken), execution.Job.ScmUrl!)
            : null;
        if (dockerfileText is null)
        {
            await console.WriteLineAsync("ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory");
            throw StageFailedException.ExitCode(1);
        }

        var dockerfile = Dockerfile.Parse(Encoding.UTF8.GetString(dockerfileText));
        var steps = dockerfile.Instructions.Where(i => i.Keyword is "FROM" or "COPY" or "ADD" or "RUN").ToList();
        var step = 2;
        foreach (var (instruction, index) in steps.Select((s, i) => (s, i + 1)))
        {
            await console.WriteLineAsync($"#{step++} [{index}/{steps.Count}] {instruction}");
            if (instruction.Keyword == "FROM" && Outcome is { Effect: ScriptedEffect.BuildFails } failing)
            {
                await console.WriteLineAsync($"#{step - 1} ERROR: the sandbox fails every build of a domain starting with '{failing.DomainPrefix}' here, on purpose (a scripted outcome); provision another domain to see a build succeed");
                await console.WriteLineAsync($"ERROR: failed to solve: scripted failure for {parameters.Domain}");
                throw StageFailedException.ExitCode(1);
            }
        }

        foreach (var copy in dockerfile.ContextCopies)
        {
            foreach (var source in copy.Sources.Where(s => !s.Contains('*', StringComparison.Ordinal)))
            {
                var path = Dockerfile.InContext(parameters.SitePath, source);
                if (!files.Contains(path) && !files.Any(f => f.StartsWith(path + "/", StringComparison.Ordinal)))
                {
                    await console.WriteLineAsync($"ERROR: failed to solve: failed to compute cache key: \"/{source.Trim('/')}\": not found");
                    throw StageFailedException.ExitCode(1);
                }
            }
        }

        app = dockerfile.App(parameters.SitePath);
        await console.WriteLineAsync($"#{step} exporting to image");
        await console.WriteLineAsync($"#{step} naming to {imageReference} done");
        await console.WriteLineAsync($"(sandbox: no image was built; {imageReference} stands for {Describe(app)} of commit {commit})");
        await PaceAsync(2);
    }

    private async Task PushImageAsync()
    {
        await ShAsync($"docker push \"{imageReference}\"");
        await console.WriteLineAsync($"The push refers to repository [{parameters.Image}]");
        await console.WriteLineAsync($"{imageReference[(imageReference.LastIndexOf(':') + 1)..]}: digest: sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(imageReference + commit)))} size: 1570");
        if (Outcome is { Effect: ScriptedEffect.ImageCannotBePulled or ScriptedEffect.CrashLoop or ScriptedEffect.NeverReady } scripted)
        {
            await console.WriteLineAsync($"(sandbox: scripted outcome for domains starting with '{scripted.DomainPrefix}': {scripted.Outcome})");
        }

        settings.Registry.Push(new SandboxImage(imageReference, repository!, commit, app!, Outcome?.Effect));
        await PaceAsync(1);
    }

    private async Task DeployAsync()
    {
        var service = parameters.SitePath + "/k8s/service.yaml";
        var deployment = parameters.SitePath + "/k8s/deployment.yaml";
        await ShAsync();
        await PaceAsync(1);
        await console.WriteLineAsync("+ set -eu");
        await console.WriteLineAsync($"+ kubectl -n {parameters.Namespace} apply -f {service}");
        await KubectlAsync(async applier => await applier.ApplyAsync(ManifestApplier.Read(await ManifestAsync(service), service, parameters.Namespace), cancellationToken));
        await console.WriteLineAsync($"+ kubectl set image --local -f {deployment} app={imageReference} -o yaml");
        await console.WriteLineAsync($"+ kubectl -n {parameters.Namespace} apply -f -");
        await KubectlAsync(async applier =>
        {
            var manifest = ManifestApplier.Read(await ManifestAsync(deployment), deployment, parameters.Namespace);
            if (manifest is not k8s.Models.V1Deployment site)
            {
                throw new KubectlException($"error: {deployment} holds a {manifest.Kind}, not a Deployment");
            }

            return await applier.ApplyAsync(ManifestApplier.SetImage(site, imageReference), cancellationToken);
        });
    }

    private async Task KubectlAsync(Func<ManifestApplier, Task<string>> command)
    {
        if (settings.Cluster is null)
        {
            await console.WriteLineAsync("error: no cluster: the sandbox's Jenkins has no kubeconfig to deploy with");
            throw StageFailedException.ExitCode(1);
        }

        try
        {
            await console.WriteLineAsync(await command(settings.Cluster));
        }
        catch (KubectlException ex)
        {
            await console.WriteLineAsync(ex.Message);
            throw StageFailedException.ExitCode(1);
        }
    }

    private async Task<string> ManifestAsync(string path)
    {
        var bytes = await GitAsync(() => repository!.ReadFileAsync(commit, path, cancellationToken), execution.Job.ScmUrl!);
        return bytes is null ? throw new KubectlException($"error: the path \"{path}\" does not exist") : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A read from GitHub; a failure is git's and fails the stage.</summary>
    private async Task<T> GitAsync<T>(Func<Task<T>> read, string url)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is GitHubReadException or HttpRequestException)
        {
            await console.WriteLineAsync($"stderr: fatal: unable to access '{url}': {ex.Message}");
            throw StageFailedException.ExitCode(128);
        }
    }

    /// <summary>An <c>sh</c> step; a one-line script is echoed as <c>set -x</c> echoes it.</summary>
    private async Task ShAsync(string? command = null)
    {
        await console.WriteLineAsync("[Pipeline] sh");
        if (command is not null)
        {
            await console.WriteLineAsync("+ " + command);
        }
    }

    /// <summary>The stage's share of the build's time, on the simulator's clock.</summary>
    private Task PaceAsync(int stages) =>
        ScriptedBuildExecutor.WaitUntilAsync(execution.Time, execution.Time.GetUtcNow() + (settings.Pacing.Stage * stages), cancellationToken);

    private static string Describe(SiteApp app) => app switch
    {
        StaticSiteApp site => $"nginx serving {site.WebRoot}/",
        AspNetApp api => $"the ASP.NET Core app in {api.ProjectFolder}/",
        UnrecognizedApp other => $"an image the sandbox cannot run ({other.Reason})",
        _ => app.GetType().Name,
    };

    [GeneratedRegex("^[0-9a-f]{7,40}$")]
    private static partial Regex CommitSha();
}
