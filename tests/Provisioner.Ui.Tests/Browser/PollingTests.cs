using System.Net.Http.Json;
using Microsoft.Playwright;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>
/// How the status page follows a provision, on the browser's fake clock (Playwright's Clock) so time is
/// the test's to move: Retry-After first, quick after a change, slower while nothing changes, done at the end.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PollingTests(BrowserFixture fixture) : IDisposable
{
    private readonly RunnerApi api = new(fixture);

    [Fact]
    public async Task The_page_honours_Retry_After_backs_off_while_nothing_changes_and_stops_at_the_end()
    {
        var id = await api.StartAsync(RunnerApi.UniqueDomain("polling"));
        await api.WaitForStatusAsync(id, "AwaitingApproval");
        await using var ui = await UiSession.StartAsync(fixture);
        ui.ExpectHttpError(503, $"/api/provisions/{id}");
        var looks = 0;
        await ui.Page.RouteAsync($"**/api/provisions/{id}", async route =>
        {
            if (Interlocked.Increment(ref looks) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 503,
                    ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "7" },
                    Body = """{"title":"The service is busy.","status":503,"detail":"Try again shortly."}""",
                });
                return;
            }

            await route.ContinueAsync();
        });
        // Paused: only the test moves time, so no look happens behind its back on a slow machine.
        await ui.Page.Clock.InstallAsync();
        await ui.Page.Clock.PauseAtAsync(DateTime.Now.AddSeconds(1));
        var status = await ui.OpenStatusPageAsync(id);
        var refresh = ui.Page.Locator("#refresh-note");

        // A busy answer: the next look waits for Retry-After, not the (shorter) backoff.
        await Expect(refresh).ToHaveAttributeAsync("data-next-look-ms", "7000");
        await Expect(refresh).ToContainTextAsync("Try again shortly. Trying again in 7 s.");
        await LookAsync(ui.Page, 7000);

        // Then quick after the change it saw, slower and slower while nothing changes, capped at 10 s.
        await status.WaitForStatusAsync("Awaiting approval");
        foreach (var next in new[] { 1000, 1600, 2560, 4096, 6554, 10000, 10000 })
        {
            await Expect(refresh).ToHaveAttributeAsync("data-next-look-ms", next.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await LookAsync(ui.Page, next);
        }

        using (var http = new HttpClient { BaseAddress = fixture.Runner.BaseUrl })
        {
            (await http.PostAsync($"api/provisions/{id}/cancel", null)).EnsureSuccessStatusCode();
        }

        await api.WaitForStatusAsync(id, "Cancelled");
        await LookAsync(ui.Page, 10000);
        await status.WaitForStatusAsync("Cancelled");
        await Expect(refresh).ToHaveTextAsync("This is where the provision ended; the page no longer refreshes.");
        var looksAtTheEnd = looks;
        await ui.Page.Clock.RunForAsync(120_000);
        Assert.Equal(looksAtTheEnd, looks);
        ui.AssertClean();
    }

    /// <summary>
    /// Moves the page's clock by <paramref name="ms"/> and waits until the look that fires has been answered
    /// and the next one planned (the refresh line then changes: it names the page's time of the look).
    /// </summary>
    private static async Task LookAsync(IPage page, int ms)
    {
        var refresh = page.Locator("#refresh-note");
        var before = await refresh.TextContentAsync() ?? string.Empty;
        await page.Clock.RunForAsync(ms);
        await Expect(refresh).Not.ToHaveTextAsync(before);
    }

    public void Dispose() => api.Dispose();
}
