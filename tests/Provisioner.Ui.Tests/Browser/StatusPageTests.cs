using Microsoft.Playwright;
using Provisioner.Local;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>The status page against the real runner: reject and cancel end the provision, times read locally, unknown ids say so.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusPageTests(BrowserFixture fixture) : IDisposable
{
    private readonly RunnerApi api = new(fixture);

    [Fact]
    public async Task Reject_closes_the_pull_request_through_the_simulator_and_the_provision_ends_Rejected()
    {
        var id = await api.StartAsync(RunnerApi.UniqueDomain("reject"));
        await using var ui = await UiSession.StartAsync(fixture);
        var status = await ui.OpenStatusPageAsync(id);
        await status.WaitForStatusAsync("Awaiting approval");

        await status.Reject.ClickAsync();

        await status.WaitForStatusAsync("Rejected");
        await Expect(status.Step("approval")).ToHaveAttributeAsync("data-outcome", "Rejected");
        await Expect(status.Step("build")).ToHaveAttributeAsync("data-outcome", "NotReached");
        await Expect(status.ActionResult).ToContainTextAsync("You closed pull request #");
        await Expect(status.Cancel).ToBeHiddenAsync();
        await Expect(status.Approve).ToBeHiddenAsync();
        var pullRequest = PullRequestOf(id);
        Assert.Equal("closed", pullRequest.State);
        Assert.False(pullRequest.Merged);
        ui.AssertClean();
    }

    [Fact]
    public async Task Cancel_asks_first_keeping_it_running_changes_nothing_and_confirming_ends_it_Cancelled()
    {
        var id = await api.StartAsync(RunnerApi.UniqueDomain("cancel"));
        await using var ui = await UiSession.StartAsync(fixture);
        var status = await ui.OpenStatusPageAsync(id);
        await status.WaitForStatusAsync("Awaiting approval");

        await status.Cancel.ClickAsync();
        await Expect(status.CancelDialog).ToBeVisibleAsync();
        await Expect(status.CancelDialog.GetByRole(AriaRole.Button, new() { Name = "Keep it running" })).ToBeFocusedAsync();
        await ui.Page.Keyboard.PressAsync("Escape");
        await Expect(status.CancelDialog).ToBeHiddenAsync();
        await status.CancelDialog.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel provision" }).ClickAsync();
        await status.CancelDialog.GetByRole(AriaRole.Button, new() { Name = "Keep it running" }).ClickAsync();
        await Expect(status.Status).ToHaveTextAsync("Status: Awaiting approval");
        Assert.Equal("open", PullRequestOf(id).State);

        await status.Cancel.ClickAsync();
        await status.CancelDialog.GetByRole(AriaRole.Button, new() { Name = "Cancel provision" }).ClickAsync();

        await status.WaitForStatusAsync("Cancelled");
        await Expect(status.Step("approval")).ToHaveAttributeAsync("data-outcome", "Cancelled");
        await Expect(status.ActionResult).ToContainTextAsync("You cancelled the provision");
        await Expect(status.Cancel).ToBeHiddenAsync();
        Assert.Equal("closed", PullRequestOf(id).State);
        ui.AssertClean();
    }

    [Fact]
    public async Task A_refused_cancel_shows_the_APIs_reason_and_Escape_never_confirms_a_second_time()
    {
        var id = await api.StartAsync(RunnerApi.UniqueDomain("refused"));
        await using var ui = await UiSession.StartAsync(fixture);
        var cancels = 0;
        await ui.Page.RouteAsync($"**/api/provisions/{id}/cancel", route =>
        {
            Interlocked.Increment(ref cancels);
            return route.FulfillAsync(new()
            {
                Status = 409,
                ContentType = "application/problem+json",
                Body = $$"""{"type":"urn:provisioner:problem:not-running","title":"The provision is not running.","status":409,"detail":"Provision {{id}} already ended with status Completed; there is nothing to cancel."}""",
            });
        });
        ui.ExpectHttpError(409, $"/api/provisions/{id}/cancel");
        var status = await ui.OpenStatusPageAsync(id);
        await status.WaitForStatusAsync("Awaiting approval");

        await status.Cancel.ClickAsync();
        await status.CancelDialog.GetByRole(AriaRole.Button, new() { Name = "Cancel provision" }).ClickAsync();

        await Expect(status.Problem).ToContainTextAsync("The provision is not running.");
        await Expect(status.Problem).ToContainTextAsync("there is nothing to cancel.");
        await status.Cancel.ClickAsync();
        await Expect(status.CancelDialog).ToBeVisibleAsync();
        await ui.Page.Keyboard.PressAsync("Escape");
        await Expect(status.CancelDialog).ToBeHiddenAsync();
        await status.Reject.ClickAsync();
        await status.WaitForStatusAsync("Rejected");
        Assert.Equal(1, cancels);
        ui.AssertClean();
    }

    [Fact]
    public async Task Times_read_in_local_time_with_UTC_in_their_title()
    {
        var id = await api.StartAsync(RunnerApi.UniqueDomain("times"));
        await using var ui = await UiSession.StartAsync(fixture);
        var status = await ui.OpenStatusPageAsync(id);
        await status.WaitForStatusAsync("Awaiting approval");

        var started = status.Step("pull_request").Locator("time").First;
        var utc = DateTime.Parse(await started.GetAttributeAsync("datetime") ?? string.Empty, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        await Expect(started).ToHaveAttributeAsync("title", utc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC");
        var berlin = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await Expect(started).ToHaveTextAsync(berlin.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        ui.AssertClean();
    }

    [Fact]
    public async Task An_unknown_provision_says_it_was_not_found_and_stops_looking()
    {
        const string id = "prv-00000000000000000000000000000001";
        await using var ui = await UiSession.StartAsync(fixture);
        ui.ExpectHttpError(404, $"/api/provisions/{id}");
        var looks = 0;
        ui.Page.Request += (_, request) => looks += request.Url.EndsWith($"/api/provisions/{id}", StringComparison.Ordinal) ? 1 : 0;
        await ui.Page.Clock.InstallAsync();
        await ui.Page.Clock.PauseAtAsync(DateTime.Now.AddSeconds(1));

        var status = await ui.OpenStatusPageAsync(id);
        await Expect(status.Problem).ToContainTextAsync("Not found");
        await Expect(status.Status).ToHaveTextAsync("Not found");
        await ui.Page.Clock.RunForAsync(60_000);
        Assert.Equal(1, looks);
        ui.AssertClean();
    }

    private Simulators.GitHub.State.SimulatedPullRequest PullRequestOf(string id)
    {
        var state = fixture.Runner.GitHub!.State;
        lock (state.Sync)
        {
            return state.FindRepository(LocalRunner.Owner, LocalRunner.Repository)!.PullRequests.Values
                .Single(pr => pr.Head == Workflow.Model.ProvisionBranch.For(id));
        }
    }

    public void Dispose() => api.Dispose();
}
