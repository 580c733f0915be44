using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Provisioner.Simulators.GitHub;
using Provisioner.Simulators.GitHub.State;
using Provisioner.Workflow.Model;

namespace Provisioner.Local;

/// <summary>
/// Walks one provision through the pipeline over real HTTP: POST it, watch the pull request land in
/// the GitHub simulator, merge it there (the simulator sends the signed webhook), and follow the
/// provision to its end.
/// </summary>
internal sealed class Demo(LocalRunner runner, GitHubSimulator gitHub, TextWriter output)
{
    private readonly HttpClient http = new() { BaseAddress = runner.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs the demo; 0 when the pipeline went as far as the configured integrations allow.</summary>
    public async Task<int> RunAsync()
    {
        var request = new { domain = "Demo.Example.com", app_type = "frontend", template_id = "static-site" };
        output.WriteLine($"POST {runner.BaseUrl}api/provisions {System.Text.Json.JsonSerializer.Serialize(request)}");
        using var started = await http.PostAsJsonAsync("api/provisions", request);
        var accepted = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        output.WriteLine($"  {(int)started.StatusCode} {accepted.ToJsonString()}");
        if ((int)started.StatusCode != 202)
        {
            return 1;
        }

        var id = (string)accepted["provision_id"]!;
        var awaiting = await WaitAsync(id, status => status == "AwaitingApproval" || IsTerminal(status));
        if ((string?)awaiting["status"] != "AwaitingApproval")
        {
            output.WriteLine($"  expected AwaitingApproval, got {awaiting.ToJsonString()}");
            return 1;
        }

        var pullRequest = FindPullRequest(id);
        output.WriteLine($"""
              pull request #{pullRequest.Number} "{pullRequest.Title}" on {pullRequest.Head}
              reviewers: {string.Join(", ", pullRequest.RequestedTeams.Select(t => "team " + t))}; labels: {string.Join(", ", pullRequest.Labels)}
              files: {string.Join(", ", gitHub.State.ReadFiles(LocalRunner.Owner, LocalRunner.Repository, pullRequest.Head).Keys.Order())}
            Merging it in the GitHub simulator (which delivers the signed pull_request webhook)…
            """);
        await gitHub.MergeAsync(LocalRunner.Owner, LocalRunner.Repository, pullRequest.Number);

        var final = await WaitAsync(id, IsTerminal);
        output.WriteLine(final.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        // Jenkins and Kubernetes have no integration yet: the honest end is a failed build step naming the missing settings.
        var passedApproval = final["timeline"]!.AsArray().Any(s => (string?)s!["name"] == "approval" && (string?)s["outcome"] == "Succeeded");
        output.WriteLine(passedApproval
            ? $"The provision passed approval and ended {(string?)final["status"]}: {(string?)final["failure"]?["cause"] ?? (string?)final["links"]!["live_url"]}"
            : "The provision did not get past approval.");
        return passedApproval ? 0 : 1;
    }

    private SimulatedPullRequest FindPullRequest(string provisionId)
    {
        lock (gitHub.State.Sync)
        {
            return gitHub.State.FindRepository(LocalRunner.Owner, LocalRunner.Repository)!.PullRequests.Values
                .Single(pr => pr.Head == ProvisionBranch.For(provisionId));
        }
    }

    private static bool IsTerminal(string status) => Enum.Parse<ProvisionStatus>(status).IsTerminal();

    private async Task<JsonNode> WaitAsync(string id, Func<string, bool> done)
    {
        string? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var view = JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!;
            var status = (string)view["status"]!;
            if (status != last)
            {
                output.WriteLine($"  GET api/provisions/{id} -> {status}");
                last = status;
            }

            if (done(status))
            {
                return view;
            }
        }

        throw new TimeoutException($"Provision {id} stayed {last}.");
    }
}
