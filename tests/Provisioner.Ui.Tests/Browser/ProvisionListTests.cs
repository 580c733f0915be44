using Microsoft.Playwright;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>Recent provisions against the real runner: newest first, their state, a link to each, filters kept in the address.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProvisionListTests(BrowserFixture fixture) : IDisposable
{
    private readonly RunnerApi api = new(fixture);

    [Fact]
    public async Task The_list_shows_provisions_newest_first_with_their_state_and_filters_by_status_and_domain()
    {
        var label = "list" + Guid.NewGuid().ToString("N")[..6];
        var older = await api.StartAsync($"{label}-older.example.com");
        await api.WaitForStatusAsync(older, "AwaitingApproval");
        var newer = await api.StartAsync($"{label}-newer.example.com");
        await api.WaitForStatusAsync(newer, "AwaitingApproval");
        using (var http = new HttpClient { BaseAddress = fixture.Runner.BaseUrl })
        {
            (await http.PostAsync($"api/provisions/{older}/cancel", null)).EnsureSuccessStatusCode();
        }

        await api.WaitForStatusAsync(older, "Cancelled");
        await using var ui = await UiSession.StartAsync(fixture);
        await ui.OpenAsync("api/ui/");
        await ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Recent provisions" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Recent provisions", Level = 1 })).ToBeVisibleAsync();

        var mine = ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = label });
        await Expect(mine).ToHaveCountAsync(2);
        await Expect(mine.Nth(0)).ToContainTextAsync($"{label}-newer.example.comAwaiting approvalstatic-site");
        await Expect(mine.Nth(1)).ToContainTextAsync($"{label}-older.example.comCancelledstatic-site");
        await Expect(mine.Nth(0).Locator(".badge")).ToHaveClassAsync("badge tone-waiting");
        await ui.ScreenshotsAsync("provisions-list");

        await ui.Page.GetByLabel("Domain").FillAsync($"{label}-older.example.com");
        await ui.Page.GetByLabel("Status").SelectOptionAsync("Cancelled");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await ui.WaitForPageAsync($"api/ui/provisions.html?status=Cancelled&domain={label}-older.example.com");
        await Expect(ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = label })).ToHaveCountAsync(1);
        await Expect(ui.Page.Locator("#count")).ToHaveTextAsync("Showing 1 provision that match the filters.");
        await Expect(ui.Page.GetByLabel("Status")).ToHaveValueAsync("Cancelled");
        await Expect(ui.Page.GetByLabel("Domain")).ToHaveValueAsync($"{label}-older.example.com");

        await ui.Page.GetByRole(AriaRole.Link, new() { Name = $"{label}-older.example.com" }).ClickAsync();
        await ui.WaitForPageAsync($"api/ui/provision.html?id={older}");
        await new StatusPage(ui.Page).WaitForStatusAsync("Cancelled");
        ui.AssertClean();
    }

    [Fact]
    public async Task A_filter_nothing_matches_says_so()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        await ui.OpenAsync("api/ui/provisions.html?domain=nothing-has-this-name.example.com");

        await Expect(ui.Page.Locator("#count")).ToHaveTextAsync("No provision matches these filters.");
        await Expect(ui.Page.GetByRole(AriaRole.Table)).ToBeHiddenAsync();
        ui.AssertClean();
    }

    public void Dispose() => api.Dispose();
}
