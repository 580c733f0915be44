using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Provisioner.Ui.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>
/// The whole way a person goes, in a real browser against the real local runner and its sandbox: the
/// form (an invalid domain first), the status page following the provision, the sandbox's Approve,
/// Completed, and the live page opened from the status page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProvisionJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_request_goes_from_the_form_through_approval_in_the_sandbox_to_its_live_page()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        await ui.OpenAsync("/");
        Assert.Equal(new Uri(fixture.Runner.BaseUrl, "api/ui/"), new Uri(ui.Page.Url));

        var form = new RequestForm(ui.Page);
        ui.ExpectHttpError(400, "/api/provisions");
        await form.FillAsync("journey.example.com/shop", "frontend", "static-site");
        await form.Provision.ClickAsync();
        await Expect(form.DomainError).ToBeVisibleAsync();
        await Expect(form.DomainError).ToContainTextAsync("host name");
        await Expect(form.Domain).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Domain).ToBeFocusedAsync();
        await ui.ScreenshotsAsync("request-form-with-error");

        await form.Domain.FillAsync("journey.example.com");
        await form.Provision.ClickAsync();
        await ui.WaitForPageAsync("api/ui/provision.html?id=prv-");

        var status = new StatusPage(ui.Page);
        await status.WaitForStatusAsync("Awaiting approval");
        await Expect(status.Step("pull_request")).ToHaveAttributeAsync("data-outcome", "Succeeded");
        await Expect(status.Step("approval")).ToHaveAttributeAsync("data-outcome", "Running");
        await Expect(status.Links.GetByRole(AriaRole.Link, new() { NameRegex = new("^Pull request #\\d+") })).ToBeVisibleAsync();
        await ui.ScreenshotsAsync("status-awaiting-approval");

        await status.Approve.ClickAsync();
        await status.WaitForStepAsync("approval", "Succeeded");
        await Expect(status.ActionResult).ToContainTextAsync("You merged pull request #");

        await AssertPipelineEndAsync(ui, status);
        await ui.ScreenshotsAsync("status-finished");

        var reviewerToken = await ReviewerTokenAsync();
        Assert.DoesNotContain(reviewerToken, await ui.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(reviewerToken, ui.Page.Url, StringComparison.Ordinal);
        ui.AssertClean();
    }

    /// <summary>
    /// The pipeline's end in the sandbox: Jenkins builds the merge commit, Kubernetes rolls it out, the
    /// Ingress routes it; the status page shows Completed with every step done and the live links, and
    /// "Open in the sandbox" opens the provisioned page itself (a <c>*.localhost</c> address, which
    /// Chromium resolves to loopback, served by the sandbox's ingress controller).
    /// </summary>
    private async Task AssertPipelineEndAsync(UiSession ui, StatusPage status)
    {
        await status.WaitForStatusAsync("Completed");
        foreach (var step in new[] { "pull_request", "approval", "build", "rollout", "ingress" })
        {
            await Expect(status.Step(step)).ToHaveAttributeAsync("data-outcome", "Succeeded");
        }

        await Expect(status.Failure).ToBeHiddenAsync();
        await Expect(status.Cancel).ToBeHiddenAsync();
        await Expect(status.Links.GetByRole(AriaRole.Link, new() { NameRegex = new("^Jenkins build") })).ToBeVisibleAsync();
        await Expect(status.Links.GetByRole(AriaRole.Link, new() { Name = "Live site: http://journey.example.com/" })).ToBeVisibleAsync();
        var ingress = ui.Page.Locator("#ingress");
        await Expect(ingress).ToContainTextAsync("Namejourney-example-com");
        await Expect(ingress).ToContainTextAsync($"Address127.0.0.1:{fixture.Runner.Sandbox!.Ingress!.Port}");
        await Expect(ingress).ToContainTextAsync("Answersyes (HTTP 200)");
        var sandboxLink = status.Links.GetByRole(AriaRole.Link, new() { NameRegex = new("^Open in the sandbox") });
        await Expect(sandboxLink).ToHaveAttributeAsync("href", fixture.Runner.Sandbox.Ingress.UrlFor("journey.example.com").ToString());

        var site = await ui.Page.Context.RunAndWaitForPageAsync(() => sandboxLink.ClickAsync());
        await site.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Expect(site).ToHaveTitleAsync("Coming soon");
        await Expect(site.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Coming soon");
        await Expect(site.Locator("main p")).ToContainTextAsync("journey.example.com is live.");
        await site.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "live-site-desktop.png"), FullPage = true });
        await site.CloseAsync();
    }

    private async Task<string> ReviewerTokenAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Runner.BaseUrl };
        var sandbox = await http.GetFromJsonAsync<JsonNode>("api/sandbox");
        return (string)sandbox!["github"]!["reviewer_token"]!;
    }
}
