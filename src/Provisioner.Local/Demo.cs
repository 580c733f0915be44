using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Provisioner.Sandbox.GitHub;
using Provisioner.Workflow.Model;

namespace Provisioner.Local;

/// <summary>
/// Walks one provision to its live site over real HTTP, as a person would: POST it, look at the pull
/// request it opened, merge that as the DevOps team through the sandbox's GitHub
/// (<c>PUT …/pulls/{n}/merge</c>, which sends the signed webhook), follow the provision to its end,
/// then print its timeline and the live site's answer through the sandbox's ingress controller.
/// </summary>
internal sealed class Demo(LocalRunner runner, TextWriter output)
{
    private const string Domain = "demo.example.com";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly HttpClient http = new() { BaseAddress = runner.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs the demo; 0 only when the provision completed and its site answered.</summary>
    public async Task<int> RunAsync()
    {
        if (runner.Sandbox?.GitHub is not { } gitHub)
        {
            output.WriteLine("--demo merges the pull request as the sandbox's DevOps team, but GitHub is a real system here (GITHUB_TOKEN is set). Unset GITHUB_TOKEN to run the demo.");
            return 1;
        }

        var request = new { domain = Domain, app_type = "frontend", template_id = "static-site" };
        output.WriteLine($"\nPOST {runner.BaseUrl}api/provisions {System.Text.Json.JsonSerializer.Serialize(request)}");
        using var started = await http.PostAsJsonAsync("api/provisions", request);
        var accepted = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        output.WriteLine($"  {(int)started.StatusCode} {accepted["status"]} {accepted["provision_id"]}");
        if ((int)started.StatusCode != 202)
        {
            output.WriteLine("  " + accepted.ToJsonString());
            return 1;
        }

        var id = (string)accepted["provision_id"]!;
        var clock = Stopwatch.StartNew();
        var awaiting = await FollowAsync(id, clock, status => status == nameof(ProvisionStatus.AwaitingApproval));
        if ((string?)awaiting["status"] != nameof(ProvisionStatus.AwaitingApproval) || DevOpsReviewer.PullRequestNumber((string?)awaiting["links"]?["pr_url"]) is not { } number)
        {
            output.WriteLine($"  expected AwaitingApproval with a pull request, got {awaiting.ToJsonString()}");
            return 1;
        }

        var reviewer = DevOpsReviewer.For(gitHub, http);
        var pullRequest = await reviewer.GetPullRequestAsync(number);
        output.WriteLine($"""
              pull request #{number} "{pullRequest["title"]}": {pullRequest["head"]!["ref"]} -> {pullRequest["base"]!["ref"]}, mergeable {pullRequest["mergeable"]}
              review requested from team {string.Join(", ", pullRequest["requested_teams"]!.AsArray().Select(t => t!["slug"]))}; labels {string.Join(", ", pullRequest["labels"]!.AsArray().Select(l => l!["name"]))}
            PUT {gitHub.ApiUrl}repos/{gitHub.Owner}/{gitHub.Repository}/pulls/{number}/merge  (as the DevOps team; GitHub then delivers the signed webhook)
            """);
        var merged = await reviewer.MergeAsync(number);
        output.WriteLine($"  merged: commit {merged["sha"]}");

        clock.Restart();
        var final = await FollowAsync(id, clock, status => Enum.Parse<ProvisionStatus>(status).IsTerminal());
        output.WriteLine($"\nTimeline of {id} ({final["status"]}, {clock.Elapsed.TotalSeconds:0.0} s after the merge):");
        foreach (var step in final["timeline"]!.AsArray())
        {
            output.WriteLine($"  {step!["name"],-13} {step["outcome"],-10} {Duration(step),7}  {step["detail"]}");
        }

        if ((string?)final["status"] != nameof(ProvisionStatus.Completed))
        {
            output.WriteLine($"\nThe provision ended {final["status"]}: {final["failure"]?["cause"]}\n  remedy: {final["failure"]?["remedy"]}");
            return 1;
        }

        output.WriteLine($"\nLive URL: {final["links"]!["live_url"]}");
        return await ShowSiteAsync();
    }

    /// <summary>GETs the site through the sandbox's ingress controller, as DNS pointing at it would; true when it answered 200.</summary>
    private async Task<int> ShowSiteAsync()
    {
        if (runner.Sandbox?.Ingress is not { } ingress)
        {
            output.WriteLine("The cluster is a real one: open the live URL once its DNS points at the ingress controller.");
            return 0;
        }

        output.WriteLine($"curl -H 'Host: {Domain}' {ingress.BaseUrl}   (or open {ingress.UrlFor(Domain)} in a browser)");
        using var site = new HttpRequestMessage(HttpMethod.Get, ingress.BaseUrl);
        site.Headers.Host = Domain;
        using var answer = await http.SendAsync(site);
        var body = await answer.Content.ReadAsStringAsync();
        output.WriteLine($"  HTTP {(int)answer.StatusCode} {answer.ReasonPhrase}; Content-Type: {answer.Content.Headers.ContentType}");
        foreach (var line in body.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Take(20))
        {
            output.WriteLine("  | " + line);
        }

        return answer.IsSuccessStatusCode ? 0 : 1;
    }

    /// <summary>Polls the provision, printing each new status with the time since <paramref name="clock"/> started, until <paramref name="done"/>.</summary>
    private async Task<JsonNode> FollowAsync(string id, Stopwatch clock, Func<string, bool> done)
    {
        string? last = null;
        for (var deadline = DateTime.UtcNow + Patience; DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var view = JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!;
            var status = (string)view["status"]!;
            if (status != last)
            {
                output.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0.0} s  {status}");
                last = status;
            }

            if (done(status) || Enum.Parse<ProvisionStatus>(status).IsTerminal())
            {
                return view;
            }
        }

        throw new TimeoutException($"Provision {id} stayed {last} for {Patience.TotalSeconds} s.");
    }

    private static string Duration(JsonNode step) =>
        DateTimeOffset.TryParse((string?)step["started_at"], CultureInfo.InvariantCulture, out var start) && DateTimeOffset.TryParse((string?)step["ended_at"], CultureInfo.InvariantCulture, out var end)
            ? $"{(end - start).TotalSeconds:0.0} s"
            : "-";
}
