using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Provisioner.Sandbox.Ingress;
using Provisioner.Sandbox.Tests.Support;

namespace Provisioner.Sandbox.Tests;

/// <summary>
/// The ingress controller stand-in routes by Host header through the cluster's Ingress, Service and
/// ready pods, and answers with what the pod's image serves: the static site's own files from the
/// commit the image was built from, or the backend template's app; nginx's 404, 503 and 502 otherwise.
/// </summary>
public sealed class IngressStandInTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> ExtraFiles = new()
    {
        ["sites/shop.example.com/site/css/app.css"] = "body { color: #123; }\n",
        ["sites/shop.example.com/site/docs/index.html"] = "<!DOCTYPE html><title>Docs</title>\n",
        ["sites/shop.example.com/site/img/logo.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    };

    private SandboxEnvironment sandbox = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestPacing.StartSandboxAsync();
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = sandbox.Ingress!.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task A_static_site_is_served_by_host_from_the_commit_its_image_was_built_from()
    {
        var site = await DeployedSite.DeployAsync(sandbox, "shop.example.com", extraFiles: ExtraFiles);

        foreach (var host in new[] { "shop.example.com", "shop.example.com.localhost:8080", "SHOP.Example.COM." })
        {
            using var page = await GetAsync(host, "/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal(site.Files["sites/shop.example.com/site/index.html"], await page.Content.ReadAsStringAsync());
            Assert.Equal(site.Image, page.Headers.GetValues(IngressStandIn.ImageHeader).Single());
        }

        await AssertAnswerAsync("/css/app.css", HttpStatusCode.OK, "text/css", ExtraFiles["sites/shop.example.com/site/css/app.css"]);
        await AssertAnswerAsync("/img/logo.svg", HttpStatusCode.OK, "image/svg+xml", ExtraFiles["sites/shop.example.com/site/img/logo.svg"]);
        await AssertAnswerAsync("/docs/", HttpStatusCode.OK, "text/html", ExtraFiles["sites/shop.example.com/site/docs/index.html"]);
        await AssertAnswerAsync("/index.html", HttpStatusCode.OK, "text/html", site.Files["sites/shop.example.com/site/index.html"]);
        await AssertAnswerAsync("/healthz", HttpStatusCode.OK, "text/plain", "ok\n");
        await AssertAnswerAsync("/img/", HttpStatusCode.Forbidden, "text/html", null);
        await AssertAnswerAsync("/missing.html", HttpStatusCode.NotFound, "text/html", null);
        using var folder = await GetAsync("shop.example.com", "/docs?page=2");
        Assert.Equal(HttpStatusCode.MovedPermanently, folder.StatusCode);
        Assert.Equal("/docs/?page=2", folder.Headers.Location?.OriginalString);

        using var head = new HttpRequestMessage(HttpMethod.Head, "/");
        head.Headers.Host = "shop.example.com";
        using var headers = await http.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headers.StatusCode);
        Assert.Equal(site.Files["sites/shop.example.com/site/index.html"].Length, headers.Content.Headers.ContentLength);
        Assert.Empty(await headers.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_backend_template_answers_as_its_app_does()
    {
        await DeployedSite.DeployAsync(sandbox, "api.example.com", "dotnet-api");

        using var root = await GetAsync("api.example.com", "/");
        var body = JsonNode.Parse(await root.Content.ReadAsStringAsync())!;
        using var health = await GetAsync("api.example.com", "/healthz");
        using var other = await GetAsync("api.example.com", "/weather");

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("application/json", root.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"service":"api.example.com","message":"Hello from your new API."}""", body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task An_unknown_host_gets_the_default_backends_404()
    {
        using var answer = await GetAsync("nobody.example.com", "/");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("<h1>404 Not Found</h1>", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no Ingress routes nobody.example.com/", answer.Headers.GetValues(IngressErrors.DetailHeader).Single());
    }

    [Fact]
    public async Task A_routed_site_without_a_ready_pod_answers_503()
    {
        await DeployedSite.DeployAsync(sandbox, "bad-image.example.com", waitForRollout: false);

        using var answer = await GetAsync("bad-image.example.com", "/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("503 Service Temporarily Unavailable", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("has no ready endpoints", answer.Headers.GetValues(IngressErrors.DetailHeader).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_running_an_image_the_sandbox_did_not_build_answers_502()
    {
        using var cluster = new SandboxCluster(sandbox);
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(SiteSource.Render("byhand.example.com").Files()["sites/byhand.example.com/k8s/deployment.yaml"]);
        deployment.Spec.Template.Spec.Containers[0].Image = "nginx:1.27";
        await cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "sites");
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(KubernetesYaml.Deserialize<V1Service>(SiteSource.Render("byhand.example.com").Files()["sites/byhand.example.com/k8s/service.yaml"]), "sites");
        await cluster.WaitForRolloutAsync("byhand-example-com");
        await cluster.ApplyIngressAsync(SiteSource.Ingress("byhand.example.com"));

        using var answer = await GetAsync("byhand.example.com", "/");

        Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        Assert.Contains("runs nginx:1.27, which the sandbox's Jenkins did not build", answer.Headers.GetValues(IngressErrors.DetailHeader).Single(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await http.SendAsync(request);
    }

    private async Task AssertAnswerAsync(string path, HttpStatusCode status, string mediaType, string? body)
    {
        using var answer = await GetAsync("shop.example.com", path);
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal(mediaType, answer.Content.Headers.ContentType?.MediaType);
        if (body is not null)
        {
            Assert.Equal(body, await answer.Content.ReadAsStringAsync());
        }
    }
}
