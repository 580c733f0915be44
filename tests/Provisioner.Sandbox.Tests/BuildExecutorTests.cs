using System.Net;
using k8s;
using k8s.Autorest;
using Provisioner.Kubernetes.Tests.Kubectl;
using Provisioner.Sandbox.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Kubernetes;

namespace Provisioner.Sandbox.Tests;

/// <summary>
/// The sandbox's Jenkins builds a site's real Jenkinsfile parameters from a real template render: the
/// merge commit checked out of GitHub, the image named as the Jenkinsfile names it, the site's
/// Service and Deployment applied to the cluster — and says so, stage by stage, in Jenkins' words.
/// </summary>
public sealed class BuildExecutorTests : IAsyncLifetime
{
    private SandboxEnvironment sandbox = null!;
    private SiteJobs jobs = null!;
    private SandboxCluster cluster = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestPacing.StartSandboxAsync();
        jobs = new SiteJobs(sandbox);
        cluster = new SandboxCluster(sandbox);
    }

    public async Task DisposeAsync()
    {
        cluster.Dispose();
        jobs.Dispose();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task A_build_checks_out_the_commit_pushes_the_image_and_applies_the_site_saying_what_it_did_stage_by_stage()
    {
        var site = SiteSource.Render("shop.example.com");
        var repository = SiteSource.Commit(sandbox, "sites-shop", site.Files());
        await jobs.CreateAsync("shop", repository.CloneUrl, "sites/shop.example.com/Jenkinsfile");
        var image = $"{site.BuildParameters["IMAGE"]}:{repository.Commit[..12]}-1";

        var build = await jobs.BuildAsync("shop", Parameters(site, repository.Commit));

        Assert.True(build.Result == "SUCCESS", build.ToString());
        AssertInOrder(build,
            "[Pipeline] { (Checkout)",
            $"Cloning repository {repository.CloneUrl}",
            $"Checking out Revision {repository.Commit} (refs/remotes/origin/main)",
            $"+ git checkout --quiet --detach {repository.Commit}",
            "Commit message: \"Initial commit\"",
            "[Pipeline] { (Build image)",
            $"+ docker build --pull -t \"{image}\" \"sites/shop.example.com\"",
            "[1/3] FROM nginxinc/nginx-unprivileged:1.27-alpine",
            "[3/3] COPY site/ /usr/share/nginx/html/",
            $"naming to {image} done",
            "[Pipeline] { (Push image)",
            $"+ docker push \"{image}\"",
            $"The push refers to repository [{site.BuildParameters["IMAGE"]}]",
            "[Pipeline] { (Deploy)",
            "+ kubectl -n sites apply -f sites/shop.example.com/k8s/service.yaml",
            "service/shop-example-com created",
            $"+ kubectl set image --local -f sites/shop.example.com/k8s/deployment.yaml app={image} -o yaml",
            "deployment.apps/shop-example-com created",
            "Finished: SUCCESS");
        Assert.Equal([image], sandbox.PushedImages);

        var deployment = await cluster.WaitForRolloutAsync("shop-example-com");
        Assert.Equal(image, Assert.Single(deployment.Spec.Template.Spec.Containers).Image);
        Assert.Contains(deployment.Metadata.ManagedFields, m => m.Manager == "jenkins");
        Assert.Equal("prv-sandbox-test", deployment.Metadata.Annotations["provisioner/provision-id"]);
        var service = await cluster.Client.CoreV1.ReadNamespacedServiceAsync("shop-example-com", "sites");
        Assert.Equal("app.kubernetes.io/name", Assert.Single(service.Spec.Selector).Key);

        var again = await jobs.BuildAsync("shop", Parameters(site, repository.Commit));
        Assert.True(again.Result == "SUCCESS", again.ToString());
        AssertInOrder(again, "service/shop-example-com unchanged", "deployment.apps/shop-example-com configured");
        deployment = await cluster.WaitForRolloutAsync("shop-example-com");
        Assert.Equal($"{site.BuildParameters["IMAGE"]}:{repository.Commit[..12]}-2", deployment.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Kubectl_sees_what_the_build_applied_through_the_sandboxs_kubeconfig()
    {
        var site = SiteSource.Render("kubectl.example.com");
        var repository = SiteSource.Commit(sandbox, "sites-kubectl", site.Files());
        await jobs.CreateAsync("kubectl", repository.CloneUrl, "sites/kubectl.example.com/Jenkinsfile");
        Assert.Equal("SUCCESS", (await jobs.BuildAsync("kubectl", Parameters(site, repository.Commit))).Result);
        await cluster.WaitForRolloutAsync("kubectl-example-com");
        var kubectl = new KubectlRunner(sandbox.Kubernetes!.KubeconfigPath, Directory.CreateTempSubdirectory("kubectl-cache-").FullName);

        var image = await kubectl.RunAsync("get", "deployment", "kubectl-example-com", "-n", "sites", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        var pods = await kubectl.RunAsync("get", "pods", "-n", "sites", "-l", "app.kubernetes.io/name=kubectl-example-com", "--no-headers");

        Assert.Equal(0, image.ExitCode);
        Assert.Equal($"{site.BuildParameters["IMAGE"]}:{repository.Commit[..12]}-1", image.Output);
        Assert.Equal(2, pods.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Contains("Running", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_fail_build_domain_fails_at_Build_image_saying_why_and_deploys_nothing()
    {
        var site = SiteSource.Render("fail-build.example.com");
        var repository = SiteSource.Commit(sandbox, "sites-fail", site.Files());
        await jobs.CreateAsync("fail", repository.CloneUrl, "sites/fail-build.example.com/Jenkinsfile");

        var build = await jobs.BuildAsync("fail", Parameters(site, repository.Commit));

        Assert.Equal("FAILURE", build.Result);
        AssertInOrder(build,
            "[Pipeline] { (Build image)",
            "ERROR: the sandbox fails every build of a domain starting with 'fail-build.' here, on purpose",
            "Stage \"Push image\" skipped due to earlier failure(s)",
            "Stage \"Deploy\" skipped due to earlier failure(s)",
            "ERROR: script returned exit code 1",
            "Finished: FAILURE");
        Assert.Empty(sandbox.PushedImages);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(site.BuildParameters["APP_NAME"], "sites"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Theory]
    [InlineData("bad-image.example.com", "ImagePullBackOff")]
    [InlineData("crash.example.com", "CrashLoopBackOff")]
    public async Task A_scripted_image_is_pushed_and_deployed_and_then_fails_in_the_cluster(string domain, string reason)
    {
        var site = SiteSource.Render(domain);
        var repository = SiteSource.Commit(sandbox, "sites-" + domain.Split('.')[0], site.Files());
        await jobs.CreateAsync("scripted", repository.CloneUrl, $"sites/{domain}/Jenkinsfile");

        var build = await jobs.BuildAsync("scripted", Parameters(site, repository.Commit));

        Assert.True(build.Result == "SUCCESS", build.ToString());
        Assert.Contains($"(sandbox: scripted outcome for domains starting with '{domain.Split('.')[0]}.'", build.Console, StringComparison.Ordinal);
        await Eventually.WaitAsync(
            $"a pod of {domain} waiting with {reason}",
            () => Task.FromResult(sandbox.KubernetesSimulator!.State.List("pods", "sites")
                .Select(p => p["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.GetValue<string>())
                .ToList()),
            reasons => reasons.Contains(reason),
            describe: reasons => string.Join(", ", reasons));
    }

    [Fact]
    public async Task The_backend_template_builds_as_an_ASP_NET_Core_app()
    {
        var site = SiteSource.Render("api.example.com", "dotnet-api");
        var repository = SiteSource.Commit(sandbox, "sites-api", site.Files());
        await jobs.CreateAsync("api", repository.CloneUrl, "sites/api.example.com/Jenkinsfile");

        var build = await jobs.BuildAsync("api", Parameters(site, repository.Commit));

        Assert.True(build.Result == "SUCCESS", build.ToString());
        AssertInOrder(build, "[1/7] FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "RUN dotnet publish", "[7/7] COPY --from=build /app ./", "stands for the ASP.NET Core app in sites/api.example.com/src/");
    }

    [Theory]
    [InlineData("unknown commit", "fatal: reference is not a tree: 0123456789abcdef0123456789abcdef01234567", "script returned exit code 128")]
    [InlineData("commit that is not a sha", "[Pipeline] error", "GIT_COMMIT 'main' is not a commit sha")]
    [InlineData("no Dockerfile", "ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory", "script returned exit code 1")]
    [InlineData("no site folder", "ERROR: failed to solve: failed to compute cache key: \"/site\": not found", "script returned exit code 1")]
    [InlineData("no app container", "error: unable to find container named \"app\"", "script returned exit code 1")]
    [InlineData("another namespace", "error: the namespace from the provided object \"sites\" does not match the namespace \"elsewhere\"", "script returned exit code 1")]
    [InlineData("a repository that does not exist", "fatal: repository 'http://", "Error cloning remote repo 'origin'")]
    [InlineData("GitHub failing", "stderr: fatal: unable to access 'http://", "script returned exit code 128")]
    public async Task A_broken_site_fails_its_build_with_the_error_the_real_tools_print(string broken, string error, string ending)
    {
        var site = SiteSource.Render("broken.example.com");
        var files = site.Files();
        var parameters = new Dictionary<string, string>(site.BuildParameters);
        switch (broken)
        {
            case "no Dockerfile":
                files.Remove("sites/broken.example.com/Dockerfile");
                break;
            case "no site folder":
                files.Remove("sites/broken.example.com/site/index.html");
                break;
            case "no app container":
                files["sites/broken.example.com/k8s/deployment.yaml"] = files["sites/broken.example.com/k8s/deployment.yaml"].Replace("- name: app", "- name: web", StringComparison.Ordinal);
                break;
            case "another namespace":
                parameters["NAMESPACE"] = "elsewhere";
                break;
        }

        var repository = SiteSource.Commit(sandbox, "sites-broken", files);
        parameters["GIT_COMMIT"] = broken switch
        {
            "unknown commit" => "0123456789abcdef0123456789abcdef01234567",
            "commit that is not a sha" => "main",
            _ => repository.Commit,
        };
        if (broken == "GitHub failing")
        {
            sandbox.GitHubSimulator!.Faults.Add(new FaultRule("GET", "/repos/contoso/sites-broken/git/ref/.*", int.MaxValue) { StatusCode = 503 });
        }

        var cloneUrl = broken == "a repository that does not exist" ? repository.CloneUrl.Replace("sites-broken", "no-such-repository", StringComparison.Ordinal) : repository.CloneUrl;
        await jobs.CreateAsync("broken", cloneUrl, "sites/broken.example.com/Jenkinsfile");

        var build = await jobs.BuildAsync("broken", parameters);

        Assert.Equal("FAILURE", build.Result);
        AssertInOrder(build, error, "ERROR: " + ending, "Finished: FAILURE");
    }

    private static Dictionary<string, string> Parameters(Workflow.Integrations.Templates.RenderedSite site, string commit) =>
        new(site.BuildParameters) { ["GIT_COMMIT"] = commit, ["PROVISION_ID"] = "prv-sandbox-test" };

    /// <summary>Each text is on a line of the console, after the line of the text before it.</summary>
    private static void AssertInOrder(FinishedBuild build, params string[] texts)
    {
        var line = -1;
        foreach (var text in texts)
        {
            var found = Array.FindIndex(build.Lines, line + 1, l => l.Contains(text, StringComparison.Ordinal));
            Assert.True(found > line, $"'{text}' is not on a line after line {line} of the console:\n{build.Console}");
            line = found;
        }
    }
}
