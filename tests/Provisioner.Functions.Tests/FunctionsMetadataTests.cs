using System.Text.Json.Nodes;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Functions.Tests;

/// <summary>
/// The host's view of the app: the <c>functions.metadata</c> the Functions SDK writes at build
/// time. The Functions host cannot run here, so this is how the bindings are checked.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Functions = LoadMetadata();

    public static TheoryData<string, string, string, string> HttpFunctions() => new()
    {
        { "StartProvision", "post", "provisions", "Function" },
        { "ListProvisions", "get", "provisions", "Function" },
        { "GetProvision", "get", "provisions/{id}", "Function" },
        { "CancelProvision", "post", "provisions/{id}/cancel", "Function" },
        { "PreviewProvision", "post", "provisions/preview", "Function" },
        { "ListTemplates", "get", "templates", "Function" },
        // Anonymous for the Functions key only: GitHub cannot send one; the HMAC signature guards it.
        { "GitHubWebhook", "post", "github/webhook", "Anonymous" },
        // The pages hold no secret; the API calls they make carry the key the user gives.
        { "WebUi", "get", "ui/{*path}", "Anonymous" },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Http_function_has_its_method_route_and_auth_level(string name, string method, string route, string authLevel)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal(authLevel, (string?)trigger["authLevel"]);
        Assert.Contains(Bindings(name), b => (string?)b!["type"] == "http" && (string?)b["direction"] == "Out");
    }

    [Theory]
    [InlineData("StartProvision")]
    [InlineData("ListProvisions")]
    [InlineData("GetProvision")]
    [InlineData("CancelProvision")]
    [InlineData("GitHubWebhook")]
    public void Functions_that_drive_the_workflow_bind_the_durable_client(string name) =>
        Assert.Contains(Bindings(name), b => (string?)b!["type"] == "durableClient");

    [Fact]
    public void Every_orchestrator_the_workflow_declares_is_bound_as_an_orchestration_trigger() =>
        Assert.All(Names(ProvisioningTasks.Orchestrators), name => Assert.Equal("orchestrationTrigger", (string?)Trigger(name)["type"]));

    [Fact]
    public void Every_activity_the_workflow_declares_is_bound_as_an_activity_trigger() =>
        Assert.All(Names(ProvisioningTasks.Activities), name => Assert.Equal("activityTrigger", (string?)Trigger(name)["type"]));

    [Fact]
    public void The_app_has_exactly_the_expected_functions()
    {
        var expected = HttpFunctions().Select(row => (string)row[0])
            .Concat(Names(ProvisioningTasks.Orchestrators))
            .Concat(Names(ProvisioningTasks.Activities))
            .Order();

        Assert.Equal(expected, Functions.Select(f => (string)f!["name"]!).Order());
        Assert.All(Functions, f => Assert.Equal("dotnet-isolated", (string?)f!["language"]));
    }

    [Fact]
    public void The_build_output_ships_the_repository_host_json_and_the_durable_extension()
    {
        var output = FunctionsOutput();
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "extensions.json")))!["extensions"]!.AsArray();
        Assert.Contains(extensions, e => (string?)e!["name"] == "DurableTask");
    }

    private static JsonNode Trigger(string function) =>
        Assert.Single(Bindings(function), b => ((string?)b!["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true)!;

    private static JsonArray Bindings(string function) =>
        Assert.Single(Functions, f => (string?)f!["name"] == function)!["bindings"]!.AsArray();

    private static IEnumerable<string> Names(IEnumerable<Type> tasks) => tasks.Select(ProvisioningTasks.NameOf);

    private static JsonArray LoadMetadata() => FunctionsMetadata.Load();

    private static string FunctionsOutput() => FunctionsMetadata.Output();
}
