using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Api;
using Provisioner.Functions.Hosting;
using Provisioner.Functions.Http;
using Provisioner.Local;

namespace Provisioner.Functions.Tests;

/// <summary>The two hosts of the API serve the same thing: the local runner's endpoints are the Functions app's HTTP functions, and both write the same JSON.</summary>
public sealed class HostParityTests : IAsyncLifetime
{
    private LocalRunner runner = null!;

    public async Task InitializeAsync() => runner = await LocalRunner.StartAsync(new LocalRunnerOptions { Port = 0, ReadAmbientSettings = false }, logging => logging.ClearProviders());

    public async Task DisposeAsync() => await runner.DisposeAsync();

    [Fact]
    public void The_runners_api_endpoints_are_the_functions_apps_http_functions_route_method_auth_level_and_name()
    {
        var runnerEndpoints = runner.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/" + ApiRoutes.Prefix + "/", StringComparison.Ordinal) == true)
            .Where(e => !LocalRunner.RunnerOnlyEndpoints.Contains(e.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName))
            .Select(e => (
                Name: e.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName,
                Route: e.RoutePattern.RawText!["/api/".Length..],
                Methods: string.Join(",", e.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Select(m => m.ToLowerInvariant()).Order()),
                AuthLevel: e.Metadata.GetRequiredMetadata<FunctionAuthMetadata>().Level.ToString()))
            .OrderBy(e => e.Name)
            .ToList();

        var functions = FunctionsMetadata.Load()
            .Select(f => (Name: (string)f!["name"]!, Trigger: f["bindings"]!.AsArray().Single(b => (string?)b!["type"] == "httpTrigger" || ((string?)b!["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true)!))
            .Where(f => (string?)f.Trigger["type"] == "httpTrigger")
            .Select(f => (
                f.Name,
                Route: (string)f.Trigger["route"]!,
                Methods: string.Join(",", f.Trigger["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()).Order()),
                AuthLevel: (string)f.Trigger["authLevel"]!))
            .OrderBy(f => f.Name)
            .ToList();

        Assert.Equal(8, functions.Count);
        Assert.Equal(functions, runnerEndpoints);
    }

    [Fact]
    public void The_route_prefix_is_host_jsons()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!;
        Assert.Equal(ApiRoutes.Prefix, (string?)hostJson["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public async Task Both_hosts_write_the_same_snake_case_json_for_results_and_problems()
    {
        using var functionsServices = FunctionsServices();
        var function = ActivatorUtilities.CreateInstance<ProvisionFunctions>(functionsServices);
        using var http = new HttpClient { BaseAddress = runner.BaseUrl };
        const string badBody = "{\"domain\":\"not a domain\",\"appType\":\"frontend\"}";

        var fromFunctions = await ExecuteAsync(functionsServices, request => Task.FromResult(function.ListTemplates(request)), "GET", null);
        var fromRunner = await http.GetStringAsync("api/templates");
        var problemFromFunctions = await ExecuteAsync(functionsServices, request => function.PreviewProvisionAsync(request, FunctionContext()), "POST", badBody);
        using var problemFromRunner = await http.PostAsync("api/provisions/preview", new StringContent(badBody, Encoding.UTF8, "application/json"));

        Assert.Equal(fromRunner, fromFunctions.Body);
        Assert.Contains("\"app_type\":\"frontend\"", fromFunctions.Body, StringComparison.Ordinal);
        Assert.Equal(400, problemFromFunctions.Status);
        Assert.Equal("application/problem+json", problemFromFunctions.ContentType);
        Assert.Equal(await problemFromRunner.Content.ReadAsStringAsync(), problemFromFunctions.Body);
        var problem = JsonNode.Parse(problemFromFunctions.Body)!;
        Assert.Equal("urn:provisioner:problem:invalid-request", (string?)problem["type"]);
        Assert.All(problem["errors"]!.AsArray(), e => Assert.Equal(["field", "message", "fix"], e!.AsObject().Select(p => p.Key)));
    }

    private static ServiceProvider FunctionsServices()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(sample.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
        return new ServiceCollection().AddLogging(b => b.ClearProviders()).AddProvisioner(configuration).BuildServiceProvider();
    }

    /// <summary>Runs a function on a request and executes the result it returns, as the Functions ASP.NET Core integration does.</summary>
    private static async Task<(int Status, string? ContentType, string Body)> ExecuteAsync(IServiceProvider services, Func<HttpRequest, Task<IResult>> function, string method, string? body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("provisioner.azurewebsites.net");
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        var response = new MemoryStream();
        context.Response.Body = response;
        await (await function(context.Request)).ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()));
    }

    private static Microsoft.Azure.Functions.Worker.FunctionContext FunctionContext()
    {
        var context = new Moq.Mock<Microsoft.Azure.Functions.Worker.FunctionContext>();
        context.Setup(c => c.CancellationToken).Returns(CancellationToken.None);
        return context.Object;
    }
}
