using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Provisioner.Local.Tests.Support;

namespace Provisioner.Local.Tests;

/// <summary>The runner's stand-in for the Durable Functions instance API: Durable's status codes, and nothing reaches the engine for an instance that is not there.</summary>
public sealed class DurableStatusApiTests : RunnerTestBase
{
    private const string Instances = "runtime/webhooks/durabletask/instances/";
    [Fact]
    public async Task An_unknown_instance_is_404_for_every_route_and_the_engine_never_hears_of_it()
    {
        var responses = new[]
        {
            await Http.GetAsync(Instances + "nonexistent-1"),
            await Http.PostAsync(Instances + "nonexistent-1/terminate?reason=x", null),
            await Http.PostAsync(Instances + "nonexistent-1/raiseEvent/X", Json("{}")),
            await Http.DeleteAsync(Instances + "nonexistent-1"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));

        // The engine is untouched and still works: a provision goes through as usual, and nothing failed.
        var id = await Http.StartProvisionAsync("after-unknown.example.com");
        await Http.WaitForStatusAsync(id, "AwaitingApproval");
        Assert.Null(await Runner.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync("nonexistent-1"));
        Assert.DoesNotContain(Logs.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task An_event_body_that_is_not_json_is_400_and_an_ended_instance_is_410()
    {
        var id = await Http.StartProvisionAsync("events.example.com");
        await Http.WaitForStatusAsync(id, "AwaitingApproval");

        using var notJson = await Http.PostAsync(Instances + id + "/raiseEvent/PullRequestClosed", Json("this is not json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("AwaitingApproval", (string?)JsonNode.Parse(await Http.GetStringAsync($"api/provisions/{id}"))!["status"]);

        using var cancelled = await Http.PostAsync($"api/provisions/{id}/cancel", null);
        await Http.WaitForStatusAsync(id, "Cancelled");
        using var lateEvent = await Http.PostAsync(Instances + id + "/raiseEvent/PullRequestClosed", Json("{}"));
        using var lateTerminate = await Http.PostAsync(Instances + id + "/terminate?reason=late", null);

        Assert.Equal(HttpStatusCode.Gone, lateEvent.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, lateTerminate.StatusCode);
    }

    [Fact]
    public async Task The_terminate_link_a_provision_hands_out_ends_it_Cancelled_with_its_pull_request_closed()
    {
        using var started = await Http.PostAsJsonAsync("api/provisions", new { domain = "terminate.example.com", app_type = "frontend", template_id = "static-site" });
        var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        var id = (string)body["provision_id"]!;
        await Http.WaitForStatusAsync(id, "AwaitingApproval");
        Assert.Equal(["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri"], body["durable"]!.AsObject().Select(p => p.Key));

        using var terminated = await Http.PostAsync(((string)body["durable"]!["terminatePostUri"]!).Replace("{text}", "operator", StringComparison.Ordinal), null);

        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        await Http.WaitForStatusAsync(id, "Cancelled");
        await Eventually.WaitAsync("the pull request closed on GitHub", () => PullRequestOf(id).State == "closed");
        Assert.Contains(id, Assert.Single(PullRequestOf(id).Comments).Body, StringComparison.Ordinal);
    }


    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
