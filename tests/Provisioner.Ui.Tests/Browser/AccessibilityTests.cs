using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>
/// Every page, in the states people see, checked by axe-core (WCAG 2.x A and AA rules: labels, names,
/// contrast, landmarks, ARIA) at desktop and phone width, and readable at 375 px without sideways scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture) : IDisposable
{
    private readonly RunnerApi api = new(fixture);

    public static TheoryData<int, int> Viewports => new() { { 1280, 800 }, { 375, 812 } };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task The_request_form_with_its_errors_and_preview_passes_axe(int width, int height)
    {
        await using var ui = await UiSession.StartAsync(fixture, new ViewportSize { Width = width, Height = height });
        var form = await ui.OpenRequestFormAsync();
        await AssertAccessibleAsync(ui.Page, "the empty form");

        ui.ExpectHttpError(400, "/api/provisions");
        await form.Domain.FillAsync("http://bad.example.com");
        await form.Provision.ClickAsync();
        await Expect(form.DomainError).ToBeVisibleAsync();
        await AssertAccessibleAsync(ui.Page, "the form with a field error");

        await form.Domain.FillAsync("axe.example.com");
        await form.Preview.ClickAsync();
        await Expect(form.PreviewSection).ToBeVisibleAsync();
        await form.PreviewSection.Locator("summary").First.ClickAsync();
        await AssertAccessibleAsync(ui.Page, "the form with a preview");
        ui.AssertClean();
    }

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task The_status_page_awaiting_approval_failed_and_with_the_cancel_dialog_passes_axe(int width, int height)
    {
        // A sandbox build of a fail-build. domain fails: the status page then shows its failure panel.
        var id = await api.StartAsync("fail-build." + RunnerApi.UniqueDomain("axe"));
        await using var ui = await UiSession.StartAsync(fixture, new ViewportSize { Width = width, Height = height });
        var status = await ui.OpenStatusPageAsync(id);
        await status.WaitForStatusAsync("Awaiting approval");
        await AssertAccessibleAsync(ui.Page, "the status page awaiting approval");

        await status.Cancel.ClickAsync();
        await Expect(status.CancelDialog).ToBeVisibleAsync();
        await AssertAccessibleAsync(ui.Page, "the cancel dialog");
        await status.CancelDialog.GetByRole(AriaRole.Button, new() { Name = "Keep it running" }).ClickAsync();

        await status.Approve.ClickAsync();
        await status.WaitForStatusAsync("Failed");
        await Expect(status.Failure).ToContainTextAsync("script returned exit code 1");
        await AssertAccessibleAsync(ui.Page, "the failed status page with its console tail");
        ui.AssertClean();
    }

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task The_list_of_provisions_passes_axe(int width, int height)
    {
        await api.StartAsync(RunnerApi.UniqueDomain("axelist"));
        await using var ui = await UiSession.StartAsync(fixture, new ViewportSize { Width = width, Height = height });
        await ui.OpenAsync("api/ui/provisions.html");
        await Expect(ui.Page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();

        await AssertAccessibleAsync(ui.Page, "the list");
        ui.AssertClean();
    }

    private const string WiderThanTheWindow = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
          .join(', ')
        """;

    private static async Task AssertAccessibleAsync(IPage page, string state)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, $"axe found problems on {state}:\n" + string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));

        // Nothing wider than the window: at 375 px a person reads without scrolling sideways.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var tooWide = overflow <= 0 ? string.Empty : await page.EvaluateAsync<string>(WiderThanTheWindow);
        Assert.True(overflow <= 0, $"{state} is {overflow} px wider than the window: {tooWide}");
    }

    public void Dispose() => api.Dispose();
}
